"""Beyond one machine, on loopback: a Prefect server backed by PostgreSQL, a process
worker on a work pool, a Dask LocalCluster. The bulk flow is deployed to the pool, run
by the worker, its chunks fanned out over Dask; the documents land in the cecintake
database (PostgreSQL too). Every process started here is stopped in ``finally``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import _PG_SKIP, make_pg_database

from .conftest import make_corpus

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def test_deployed_flow_runs_on_a_worker_and_fans_out_over_dask(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    pytest.importorskip("prefect_dask")
    pytest.importorskip("asyncpg")
    from distributed import LocalCluster

    from cecintake.flows.server import local_server

    corpus = make_corpus(tmp_path / "corpus", count=6, seed=11, renders=("digital",))
    prefect_db, drop_prefect_db = make_pg_database("prefect_t")
    app_db, drop_app_db = make_pg_database("cecintake_dist")
    prefect_db_url = prefect_db.replace("postgresql+psycopg://", "postgresql+asyncpg://")
    home = tmp_path / "home"
    worker: subprocess.Popen | None = None
    cluster = None
    try:
        with local_server(prefect_home=tmp_path / "prefect-server", log_path=tmp_path / "server.log",
                          database_url=prefect_db_url, timeout=240) as api_url:
            monkeypatch.setenv("PREFECT_API_URL", api_url)
            env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_HOME": str(tmp_path / "prefect-client")}
            subprocess.run([sys.executable, "-m", "prefect", "work-pool", "create", "cecintake-test",
                            "--type", "process"], env=env, check=True, capture_output=True, timeout=120)
            with open(tmp_path / "worker.log", "wb") as log:
                worker = subprocess.Popen([sys.executable, "-m", "prefect", "worker", "start", "--pool",
                                           "cecintake-test", "--type", "process", "--limit", "1"],
                                          env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)

            from prefect import deploy
            from prefect.deployments import run_deployment
            from prefect.deployments.runner import EntrypointType
            from prefect.settings import PREFECT_API_URL, temporary_settings

            from cecintake.flows.intake import deployed_intake_flow

            with temporary_settings({PREFECT_API_URL: api_url}):
                dep = deployed_intake_flow.to_deployment(name="bulk", entrypoint_type=EntrypointType.MODULE_PATH)
                deploy(dep, work_pool_name="cecintake-test", build=False, push=False,
                       print_next_steps_message=False, ignore_warnings=True)
                run = run_deployment(
                    "cecintake-intake-deployed/bulk", timeout=300,
                    parameters={"paths": [str(corpus.docs)], "db_url": app_db, "home": str(home),
                                "chunk_size": 2, "dask_address": cluster.scheduler_address})
            log = (tmp_path / "worker.log").read_text(errors="replace")
            assert run.state is not None and run.state.is_completed(), f"{run.state}\n{log[-4000:]}"

            engine = sa.create_engine(app_db, poolclass=sa.pool.NullPool)
            try:
                with engine.connect() as c:
                    statuses = [r[0] for r in c.exec_driver_sql("select status from document")]
                    outcomes = c.exec_driver_sql(
                        "select count(*) from audit_event where action in ('processed','failed')").scalar()
                    run_row = c.exec_driver_sql("select counts from ingest_run").scalar()
            finally:
                engine.dispose()
            assert len(statuses) == len(corpus.files) and "pending" not in statuses
            assert outcomes == len(corpus.files)
            assert (run_row if isinstance(run_row, dict) else __import__("json").loads(run_row))["chunks"] == 3
    finally:
        if worker is not None:
            _stop(worker)
        if cluster is not None:
            cluster.close(timeout=30)
        time.sleep(0.5)
        _drop(drop_app_db)
        _drop(drop_prefect_db)


def _drop(drop) -> None:  # noqa: ANN001
    """Drop a test database; a pooled admin connection may have been terminated meanwhile."""
    for attempt in range(3):
        try:
            drop()
            return
        except sa.exc.OperationalError:
            if attempt == 2:
                raise
            time.sleep(1)
