"""Throwaway PostgreSQL clusters for operations tests: a primary and a streaming replica.

The clusters live in a temporary folder, listen on free ports on 127.0.0.1 only, and are
run as the `postgres` user when the tests run as root (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def postgres_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with the server tools, or None."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        path = Path(candidate)
        if all((path / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup")):
            return path
    return None


def missing_requirement() -> str | None:
    """Why clusters cannot be started here, or None when they can."""
    if postgres_bin_dir() is None:
        return "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to run the clusters as"
        if shutil.which("runuser") is None:
            return "running as root without runuser to switch to the 'postgres' user"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Cluster:
    name: str
    data: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@dataclass
class Clusters:
    root: Path
    bin: Path
    clusters: list[Cluster] = field(default_factory=list)

    def as_owner(self, *argv: str) -> list[str]:
        """The command, run as the `postgres` user when we are root."""
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *argv]
        return list(argv)

    def run(self, *argv: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603 - PostgreSQL's own tools with arguments we build
            self.as_owner(*argv), check=True, capture_output=True, timeout=timeout, cwd=self.root
        )

    def _start(self, cluster: Cluster) -> None:
        options = (
            f"-p {cluster.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        self.run(
            str(self.bin / "pg_ctl"), "-D", str(cluster.data), "-o", options,
            "-l", str(cluster.log), "-w", "-t", "30", "start",
        )  # fmt: skip
        self.clusters.append(cluster)

    def stop_command(self, cluster: Cluster) -> list[str]:
        return self.as_owner(
            str(self.bin / "pg_ctl"), "-D", str(cluster.data), "-m", "fast", "-w", "stop"
        )

    def start_primary(self) -> Cluster:
        cluster = Cluster("primary", self.root / "primary", free_port(), self.root / "primary.log")
        self.run(
            str(self.bin / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self._start(cluster)
        return cluster

    def start_replica(self, primary: Cluster) -> Cluster:
        """A hot standby streaming from the primary (pg_basebackup -R writes the settings)."""
        cluster = Cluster("replica", self.root / "replica", free_port(), self.root / "replica.log")
        self.run(
            str(self.bin / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-D", str(cluster.data), "-R", "-X", "stream",
            "--checkpoint=fast", "--no-sync",
        )  # fmt: skip
        self._start(cluster)
        return cluster

    def logs(self) -> str:
        parts = []
        for cluster in self.clusters:
            if cluster.log.exists():
                parts.append(f"--- {cluster.name} log\n{cluster.log.read_text()[-3000:]}")
        return "\n".join(parts)

    def close(self) -> None:
        for cluster in self.clusters:
            subprocess.run(  # noqa: S603 - pg_ctl with arguments we build
                self.as_owner(
                    str(self.bin / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"
                ),
                capture_output=True,
                timeout=30,
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)


def make_clusters() -> Clusters:
    bin_dir = postgres_bin_dir()
    assert bin_dir is not None
    # Not pytest's tmp_path: its parent folders are private to root, and the server runs as
    # the postgres user.
    root = Path(tempfile.mkdtemp(prefix="inbreng-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    root.chmod(0o700)
    return Clusters(root=root, bin=bin_dir)
