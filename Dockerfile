# guichets API: slim Python, non-root, same start command as `make run`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    GUICHETS_HOST=0.0.0.0 \
    DATABASE_URL=sqlite:////data/guichets.db

RUN useradd --create-home --uid 10001 guichets && mkdir /data && chown guichets /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY seed ./seed
RUN pip install .

USER guichets
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["guichets", "serve"]
