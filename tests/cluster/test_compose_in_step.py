"""docker-compose.yml and deploy/local-cluster describe the same deployment: the same variable names for the app
processes, one nginx template filled by both. Fast (no processes): runs with the rest of the suite."""

import importlib.util
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
TEMPLATE = (ROOT / "deploy" / "nginx.conf").read_text()
# Only the process runner needs these; the image has them built in (Dockerfile) or they are not app settings.
LOCAL_ONLY = {"PATH", "HOME", "LANG", "PYTHONUNBUFFERED", "DJANGO_STATIC_ROOT"}


def local_cluster():
    spec = importlib.util.spec_from_file_location("local_cluster", ROOT / "deploy" / "local_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_processes_get_the_variables_of_the_compose_file(tmp_path):
    module = local_cluster()
    cluster = module.Cluster(tmp_path, "postgres://postgres@127.0.0.1:5432/x")
    local = set(cluster.app_env()) - LOCAL_ONLY
    compose = set(COMPOSE["x-app"]["environment"])
    assert local - compose == set(), "add these to docker-compose.yml (x-app) or LOCAL_ONLY"
    assert compose - local == set(), "deploy/local_cluster.py does not set these"
    assert cluster.app_env()["DJANGO_SETTINGS_MODULE"] == "loket.settings.production"
    # the tiers of the compose file, with the counts the local cluster runs
    services = COMPOSE["services"]
    assert services["web"]["deploy"]["replicas"] == len(cluster.web_ports) == 2
    assert services["worker"]["deploy"]["replicas"] == cluster.n_workers == 2
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "--appendonly yes" in services["redis"]["command"]
    assert services["web"]["healthcheck"]["test"][2:4] == ["-m", "loket.healthcheck"]


def test_one_nginx_template_for_both(tmp_path):
    names = set(re.findall(r"\$\{([A-Z0-9_]+)\}", TEMPLATE))
    proxy = COMPOSE["services"]["proxy"]
    assert set(proxy["environment"]) == names
    assert "./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro" in proxy["volumes"]
    module = local_cluster()
    cluster = module.Cluster(tmp_path, "postgres://postgres@127.0.0.1:5432/x")
    assert set(cluster.nginx_values()) == names
    for values in (cluster.nginx_values(), proxy["environment"]):
        filled = module.fill_template(TEMPLATE, values)
        assert "${LOKET_NGINX_" not in filled.replace("${LOKET_NGINX_*}", "")
        assert "$http_host" in filled and "$upstream_addr" in filled  # nginx's own variables are left alone
    assert "server 127.0.0.1:" in module.fill_template(TEMPLATE, cluster.nginx_values())


def test_the_healthcheck_refuses_a_port_where_nothing_answers():
    from tests.faults.conftest import free_port

    result = subprocess.run(
        [str(Path(__import__("sys").executable)), "-m", "loket.healthcheck", str(free_port())],
        cwd=ROOT,
        capture_output=True,
    )
    assert result.returncode == 1


def test_the_nginx_image_and_the_script_fill_the_template_alike():
    """The nginx image runs `envsubst` with the names of the defined variables; the script's substitution gives the
    same text."""
    import os
    import shutil

    import pytest

    if shutil.which("envsubst") is None:
        pytest.skip("envsubst (gettext-base) is not installed")
    values = {k: str(v) for k, v in COMPOSE["services"]["proxy"]["environment"].items()}
    names = " ".join(f"${{{name}}}" for name in values)
    by_envsubst = subprocess.run(
        ["envsubst", names],
        input=TEMPLATE,
        capture_output=True,
        text=True,
        env={**os.environ, **values},
        check=True,
    ).stdout
    assert by_envsubst == local_cluster().fill_template(TEMPLATE, values)
