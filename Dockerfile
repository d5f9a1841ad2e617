# Production image: the same code for web, worker and beat processes.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=loket.settings.production

# WeasyPrint (pango, harfbuzz, fonts) and libmagic for upload sniffing.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core libmagic1 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Every app of the project (a new module needs no line here); .dockerignore keeps tests, docs and benchmarks out.
COPY . ./
RUN pip install . && useradd --system --uid 1000 loket \
 && DJANGO_SECRET_KEY=collectstatic-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') DJANGO_ALLOWED_HOSTS=build LOKET_VIRUS_SCAN_DISABLED=true \
    python manage.py collectstatic --noinput

USER loket
EXPOSE 8000
CMD ["gunicorn", "loket.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--max-requests", "2000", "--max-requests-jitter", "200", "--timeout", "120"]
