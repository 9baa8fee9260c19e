"""docker import through docker-py (Debian's python3-docker) against berth: DOCKER_HOST names the socket.

Imports a one-file tar from memory with changes, checks the config and the comment, runs the result's
CMD in the busybox image the test made (argv[1]), and removes the image. Prints "docker-py import: ok".
"""
import io
import json
import sys
import tarfile

import docker

busybox = sys.argv[1]
client = docker.from_env(version="1.41")

buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w") as t:
    data = b"from docker-py\n"
    info = tarfile.TarInfo("hello.txt")
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))

out = client.api.import_image_from_data(buf.getvalue(), repository="py/imported", tag="1",
                                        changes=['ENV FROM_PY=yes', 'LABEL via=docker-py'])
status = json.loads(out.strip().splitlines()[-1])["status"]
assert status.startswith("sha256:"), out
image = client.images.get("py/imported:1")
assert image.id == status, (image.id, status)
assert "FROM_PY=yes" in image.attrs["Config"]["Env"], image.attrs["Config"]
assert image.labels == {"via": "docker-py"}, image.labels
assert image.attrs["Comment"] == "Imported from -", image.attrs["Comment"]
assert len(image.attrs["RootFS"]["Layers"]) == 1, image.attrs["RootFS"]
client.images.remove("py/imported:1")
print("docker-py import: ok")
