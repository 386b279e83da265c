// GOV.UK Frontend's page template sets these classes with an inline script; our
// Content-Security-Policy allows no inline script, so the same line runs from this file, at the
// same point (the start of <body>). See webapp/templating.py.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
