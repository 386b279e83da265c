// Starts GOV.UK Frontend's components (error summary focus, password reveal, service navigation
// menu...). Loaded as a module from the app's own static files: no inline script, no CDN.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
