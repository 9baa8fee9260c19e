#!/usr/bin/env python3
"""docker-py (Debian python3-docker) against berthd: the image operations of issue 11.

container.commit with changes, message and author; image.history; image.save then images.load (same ID);
images.list with filters; images.prune. Usage: DOCKER_HOST=unix:///path images_dockerpy.py <name-prefix>
<image>. Prints "OK" and exits 0 when every check passes; otherwise names the check that failed and exits 1.
Removes what it made. ImageOperationsIT runs it.
"""
import io
import sys

import docker


def check(name, got, want):
    if got != want:
        print(f"{name}: got {got!r}, want {want!r}")
        sys.exit(1)


def main():
    client = docker.from_env()
    prefix, image = sys.argv[1], sys.argv[2]
    repo = prefix + "-py"
    made_containers, made_images = [], []
    try:
        c = client.containers.run(image, ["sh", "-c", "echo py > /py; rm /etc/passwd"], name=prefix + "-py",
                                  detach=True)
        made_containers.append(c)
        c.wait()
        committed = c.commit(repository=repo, tag="1", message="from python", author="py",
                             changes=["ENV FROM_PY=1", 'CMD ["cat", "/py"]', "LABEL py.test=" + prefix])
        made_images.append(committed.id)
        check("commit tags", committed.tags, [repo + ":1"])
        check("commit env", "FROM_PY=1" in committed.attrs["Config"]["Env"], True)
        check("commit comment", committed.attrs["Comment"], "from python")
        check("commit author", committed.attrs["Author"], "py")
        out = client.containers.run(repo + ":1", remove=True)
        check("committed image runs its CMD", out, b"py\n")
        gone = client.containers.run(repo + ":1", ["sh", "-c", "test -e /etc/passwd || echo gone"], remove=True)
        check("whiteout applied", gone, b"gone\n")

        history = committed.history()
        check("history top id", history[0]["Id"], committed.id)
        check("history top comment", history[0]["Comment"], "from python")
        check("history top created by", history[0]["CreatedBy"], "sh -c echo py > /py; rm /etc/passwd")
        check("history rows", len(history), 2)

        check("label filter", [i.id for i in client.images.list(filters={"label": "py.test=" + prefix})],
              [committed.id])
        check("reference filter", [i.id for i in client.images.list(name=repo)], [committed.id])
        check("dangling filter excludes tagged", committed.id in [i.id for i in client.images.list(
            filters={"dangling": True})], False)

        data = b"".join(committed.save(named=True))
        committed.reload()
        client.images.remove(repo + ":1")
        made_images.remove(committed.id)
        loaded = client.images.load(io.BytesIO(data))
        made_images.append(loaded[0].id)
        check("load of the save keeps the ID", loaded[0].id, committed.id)
        check("load of the save keeps the tag", loaded[0].tags, [repo + ":1"])

        # a dangling image: commit again under the same tag
        c.remove()
        made_containers.remove(c)
        c2 = client.containers.run(image, ["sh", "-c", "echo other > /py"], name=prefix + "-py2", detach=True)
        made_containers.append(c2)
        c2.wait()
        second = c2.commit(repository=repo, tag="1")
        made_images.append(second.id)
        report = client.images.prune(filters={"dangling": True})
        deleted = [d.get("Deleted") for d in report["ImagesDeleted"] or []]
        check("prune deleted the dangling image", committed.id in deleted, True)
        check("prune reclaimed bytes", report["SpaceReclaimed"] > 0, True)
        made_images.remove(committed.id)
        print("OK")
    finally:
        for x in made_containers:
            try:
                x.remove(force=True)
            except docker.errors.APIError:
                pass
        for i in reversed(made_images):
            try:
                client.images.remove(i, force=True)
            except docker.errors.APIError:
                pass


if __name__ == "__main__":
    main()
