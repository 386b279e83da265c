# The web app for deployers; docker-compose.yml runs it beside the official Neo4j image.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint (the My Network pack's PDF) needs pango; fonts-liberation gives it Arial's metrics.
RUN apt-get update \
  && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY pyproject.toml README.md ./
COPY connections ./connections
COPY webapp ./webapp
COPY cypher ./cypher
COPY schema ./schema
COPY gunicorn.conf.py ./
RUN pip install -e .
COPY --from=assets /src/node_modules ./node_modules
RUN python -m webapp.assets && rm -rf node_modules
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "webapp:create_app()"]
