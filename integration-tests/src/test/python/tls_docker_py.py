"""docker-py over mutual TLS (docker.tls.TLSConfig), as a user of python3-docker connects to a --tlsverify daemon.

Usage: tls_docker_py.py <tcp-url> <cert-dir> <image>
requests takes REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE over the session CA when they are set: the test unsets them.
Prints "ping True" and the output of a container, exits non-zero on any error.
"""
import os
import sys

import docker

url, certs, image = sys.argv[1], sys.argv[2], sys.argv[3]
tls = docker.tls.TLSConfig(client_cert=(os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem")),
                           ca_cert=os.path.join(certs, "ca.pem"), verify=True)
client = docker.DockerClient(base_url=url.replace("tcp://", "https://"), tls=tls)
print("ping", client.ping())
print(client.containers.run(image, ["echo", "over tls"], remove=True).decode().strip())
