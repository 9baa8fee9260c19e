"""docker-py's create options against berth: run by CreateOptionsIT (argv: image, container name)."""
import sys

import docker

image, name = sys.argv[1], sys.argv[2]
client = docker.from_env()
try:
    out = client.containers.run(
        image, ["sh", "-c", "grep -E 'Seccomp:|NoNewPrivs' /proc/self/status; cat /proc/self/oom_score_adj;"
                " cat /sys/fs/cgroup/memory/memory.soft_limit_in_bytes; id -G"],
        name=name, init=True, oom_score_adj=100, mem_limit="64m", mem_reservation="32m",
        security_opt=["no-new-privileges"], group_add=["10"], sysctls={"net.core.somaxconn": "1024"},
        shm_size="16m", detach=False, remove=False).decode()
    lines = out.strip("\n").split("\n")
    assert "NoNewPrivs:\t1" in lines and "Seccomp:\t2" in lines, out
    assert "100" in lines, out
    assert str(32 * 1024 * 1024) in lines, out
    assert lines[-1].split() == ["0", "10"], out
    hc = client.containers.get(name).attrs["HostConfig"]
    assert hc["Init"] is True, hc
    assert hc["OomScoreAdj"] == 100, hc
    assert hc["ShmSize"] == 16 * 1024 * 1024, hc
    assert hc["MemoryReservation"] == 32 * 1024 * 1024, hc
    assert hc["Sysctls"] == {"net.core.somaxconn": "1024"}, hc
    assert hc["SecurityOpt"] == ["no-new-privileges"], hc
    assert hc["GroupAdd"] == ["10"], hc
    try:
        client.containers.create(image, "true", runtime="nosuch")
        raise AssertionError("runtime nosuch accepted")
    except docker.errors.APIError as e:
        assert e.status_code == 400 and "Unknown runtime specified nosuch" in str(e), e
    print("ok")
finally:
    try:
        client.containers.get(name).remove(force=True)
    except docker.errors.NotFound:
        pass
