"""Under gunicorn (2 workers, gunicorn.conf.py): /metrics adds up both workers; logs are JSON."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from model_training.bundle import current_version
from tests.processes import ROOT, START_SECONDS, create_key, free_port, wait_ready
from tests.scoring_api.observability.test_metrics import SCORE_ROUTE, sample
from tests.scoring_api.settings import make_settings

BATCH = 16
MAX_BATCHES = 10
LOG_DELAY_SECONDS = 0.7
TOKEN = "g" * 40


def get(url: str, headers: dict[str, str]) -> tuple[int, str]:
    """Return the status and text of a GET."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return r.status, r.read().decode("utf-8")


def score_pids(output: str) -> set[int]:
    """Return the pids of the workers whose JSON access lines show a score request."""
    complete = output[: output.rfind("\n") + 1]  # a line may be half-written
    lines = [json.loads(line) for line in complete.splitlines() if line.startswith("{")]
    return {line["pid"] for line in lines if line.get("route") == SCORE_ROUTE}


def test_metrics_add_up_every_worker_and_every_line_is_json(
    data_dir: Path, client_ids: list[int], tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, data_dir, app_env="test")
    token = create_key(settings.database_url)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PROMETHEUS_MULTIPROC_DIR", "LOG_FORMAT")  # the defaults: fresh, json
    }
    env.update(
        PORT=str(port),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
        APP_ENV="test",
        LOG_LEVEL="info",
        METRICS_TOKEN=TOKEN,
        DATA_DIR=str(data_dir),
        ARTIFACTS_DIR=str(data_dir / "artifacts"),
        DATABASE_URL=settings.database_url,
    )
    command = [sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"]
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("w+")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        status, _ = wait_ready(f"{base}/api/v1/health/ready", process, START_SECONDS)
        assert status == 200

        def score(k: int) -> int:
            headers = {"X-API-Key": token, "X-Request-ID": f"mp-{k}"}
            return get(f"{base}/api/v1/clients/{client_ids[k % 3]}/score", headers)[0]

        sent = 0
        with ThreadPoolExecutor(max_workers=6) as pool:
            for _ in range(MAX_BATCHES):  # until the access lines show both workers served
                batch = range(sent, sent + BATCH)
                assert list(pool.map(score, batch)) == [200] * BATCH
                sent += BATCH
                time.sleep(LOG_DELAY_SECONDS)  # access lines are written in batches
                if len(score_pids(log_path.read_text(encoding="utf-8"))) == 2:
                    break
        exposition = get(f"{base}/metrics", {"Authorization": f"Bearer {TOKEN}"})[1]
        assert len(metrics_dirs_of(process.pid)) == 1  # a fresh folder, owned by this master
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    counted = sample(
        exposition, "scoring_http_requests_total", method="GET", route=SCORE_ROUTE, status="200"
    )
    assert counted == sent, output[-2000:]
    assert sample(exposition, "scoring_served_points_count", route=SCORE_ROUTE) == sent
    live = current_version(data_dir / "artifacts")
    assert sample(exposition, "scoring_model_info", version=live) == 1
    lines = [json.loads(line) for line in output.splitlines()]  # every line is one JSON object
    access = [line for line in lines if line.get("route") == SCORE_ROUTE]
    assert sorted(line["request_id"] for line in access) == sorted(f"mp-{k}" for k in range(sent))
    assert len({line["pid"] for line in access}) == 2  # both workers served and were counted
    assert not any(str(client_id) in output + exposition for client_id in client_ids)
    assert metrics_dirs_of(process.pid) == []  # on_exit removed the folder it named


def metrics_dirs_of(master_pid: int) -> list[Path]:
    """Return the metrics folders left in the temporary directory by this gunicorn master."""
    return [
        folder
        for folder in Path(tempfile.gettempdir()).glob("scoring-metrics-*")
        if (folder / "master.pid").is_file()
        and (folder / "master.pid").read_text(encoding="utf-8") == str(master_pid)
    ]
