"""Health check of one web process, as the proxy reaches it: `python -m loket.healthcheck [port]` exits 0 when
GET /health/ answers "ok".

Used by docker-compose.yml (web healthcheck) and deploy/local-cluster. Standard library only, so it costs no
Django start-up. The request carries a host the production settings allow (the first of DJANGO_ALLOWED_HOSTS) and
`X-Forwarded-Proto: https` like nginx sends: a bare request to 127.0.0.1 would get a 400 (host not allowed) or a
301 to https (SECURE_SSL_REDIRECT).
"""

import http.client
import os
import sys


def allowed_host():
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def check(port=8000, host="127.0.0.1", timeout=5.0, server_name=None):
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Host": server_name or allowed_host(), "X-Forwarded-Proto": "https"}
    try:
        connection.request("GET", "/health/", headers=headers)
        response = connection.getresponse()
        return response.status == 200 and response.read() == b"ok"
    except OSError:
        return False
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(0 if check(int(sys.argv[1]) if len(sys.argv) > 1 else 8000) else 1)
