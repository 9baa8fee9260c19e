#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: put_archive and get_archive on a running container.

Usage: DOCKER_HOST=unix:///path/docker.sock archive_docker_py.py CONTAINER
Prints "docker-py archive: ok" and exits 0 when every check passes; exits 1 with the failed check otherwise.
Run by integration-tests' ContainerArchiveIT.
"""
import io
import sys
import tarfile

import docker


def main(name):
    client = docker.from_env(version="1.41")
    container = client.containers.get(name)

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        data = b"put by docker-py\n"
        info = tarfile.TarInfo("py/put.txt")
        info.size = len(data)
        info.mode = 0o600
        t.addfile(info, io.BytesIO(data))
    assert container.put_archive("/tmp", buf.getvalue()) is True, "put_archive must return True"

    stream, stat = container.get_archive("/tmp/py/put.txt")
    assert stat["name"] == "put.txt", stat
    assert stat["size"] == len(data), stat
    assert stat["mode"] == 0o600, stat
    assert stat["linkTarget"] == "", stat
    raw = b"".join(stream)
    with tarfile.open(fileobj=io.BytesIO(raw)) as t:
        member = t.getmember("put.txt")
        assert t.extractfile(member).read() == data, "content differs"

    stream, stat = container.get_archive("/tmp/py")
    assert stat["mode"] & (1 << 31), "a directory has Go's ModeDir: %r" % stat
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as t:
        names = t.getnames()
    assert names == ["py", "py/put.txt"], names

    try:
        container.get_archive("/no/such/file")
        raise AssertionError("get_archive of a missing path must fail")
    except docker.errors.NotFound as e:
        assert "Could not find the file /no/such/file" in str(e), str(e)

    try:
        container.put_archive("/no/such/dir", buf.getvalue())
        raise AssertionError("put_archive into a missing directory must fail")
    except docker.errors.NotFound:
        pass

    print("docker-py archive: ok")


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except AssertionError as e:
        print("docker-py archive: FAILED: %s" % e)
        sys.exit(1)
