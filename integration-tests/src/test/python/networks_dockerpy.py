#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: networks.create (IPAM pool, labels, internal), get, list,
connect with aliases and an address, a container created on the network with an endpoint config, disconnect,
remove, prune, as docker-py's NetworkTest does.

Usage: DOCKER_HOST=unix:///path networks_dockerpy.py <name-prefix>. Prints "ok" and exits 0 when every check
passes; otherwise names the check that failed and exits 1. UserNetworksIT runs it.
"""
import sys

import docker
from docker.types import IPAMConfig, IPAMPool


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def main():
    prefix = sys.argv[1]
    client = docker.from_env()
    api = client.api
    ipam = IPAMConfig(pool_configs=[IPAMPool(subnet="10.99.0.0/24", gateway="10.99.0.1")])
    net = client.networks.create(prefix + "-py", driver="bridge", ipam=ipam, labels={"by": "py"},
                                 check_duplicate=True)
    info = api.inspect_network(net.id)
    check("name", info["Name"], prefix + "-py")
    check("ipam", info["IPAM"]["Config"], [{"Subnet": "10.99.0.0/24", "Gateway": "10.99.0.1"}])
    check("labels", info["Labels"], {"by": "py"})
    check("list by id", [n["Id"] for n in api.networks(ids=[net.id])], [net.id])
    check("list by name", [n.name for n in client.networks.list(names=[prefix + "-py"])], [prefix + "-py"])
    try:
        client.networks.create(prefix + "-py", check_duplicate=True)
        check("duplicate refused", False, True)
    except docker.errors.APIError as e:
        check("duplicate status", e.status_code, 409)

    c = api.create_container("fixture/busybox:1", "sleep 60", name=prefix + "-c",
                             host_config=api.create_host_config(network_mode=prefix + "-py"),
                             networking_config=api.create_networking_config({
                                 prefix + "-py": api.create_endpoint_config(aliases=["pyalias"],
                                                                            ipv4_address="10.99.0.20")}))
    api.start(c["Id"])
    data = api.inspect_container(c["Id"])
    ep = data["NetworkSettings"]["Networks"][prefix + "-py"]
    check("ip", ep["IPAddress"], "10.99.0.20")
    check("ipam config", ep["IPAMConfig"], {"IPv4Address": "10.99.0.20"})
    check("aliases", "pyalias" in ep["Aliases"], True)
    members = api.inspect_network(net.id)["Containers"]
    check("members", list(members.keys()), [c["Id"]])

    other = client.networks.create(prefix + "-py2")
    other.connect(c["Id"], aliases=["second"])
    eps = api.inspect_container(c["Id"])["NetworkSettings"]["Networks"]
    check("connected", sorted(eps.keys()), sorted([prefix + "-py", prefix + "-py2"]))
    check("connected aliases", "second" in eps[prefix + "-py2"]["Aliases"], True)
    other.disconnect(c["Id"])
    eps = api.inspect_container(c["Id"])["NetworkSettings"]["Networks"]
    check("disconnected", list(eps.keys()), [prefix + "-py"])

    try:
        net.remove()
        check("remove in use refused", False, True)
    except docker.errors.APIError as e:
        check("in use status", e.status_code, 403)
    api.remove_container(c["Id"], force=True)
    net.remove()
    pruned = client.networks.prune()
    check("pruned", pruned["NetworksDeleted"], [prefix + "-py2"])
    try:
        client.networks.get(prefix + "-py")
        check("removed", False, True)
    except docker.errors.NotFound:
        pass
    print("ok")


if __name__ == "__main__":
    main()
