package io.berth.engine.service;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerNames;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Renames containers (Docker's {@code POST /containers/{id}/rename?name=}, Engine API 1.41; moby
 * daemon/rename.go), running or not. The new name is reserved before the record changes, so two renames
 * to one name cannot both win; the record is saved before the old name is released. Publishes {@code rename}
 * with attribute {@code oldName} (with its slash, as dockerd) and the new {@code name}.
 */
@Singleton
public final class ContainerRenamer {
    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final ContainerEvents events;

    /**
     * @param store the container index (names)
     * @param files record persistence
     * @param events event publishing
     */
    @Inject
    public ContainerRenamer(ContainerStore store, ContainerRecordFiles files, ContainerEvents events) {
        this.store = store;
        this.files = files;
        this.events = events;
    }

    /**
     * @param ref ID, name or unique ID prefix of the container
     * @param newName the new name ("web" or "/web")
     * @throws InvalidArgumentException "Neither old nor new names may be empty", "Renaming a container with the
     *     same name as its current name", "Error when allocating new name: Invalid container name (...)"
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws AlreadyExistsException "Error when allocating new name: Conflict. The container name ..." (409)
     */
    public void rename(String ref, String newName) {
        if (ref == null || ref.isEmpty() || newName == null || newName.isEmpty()) {
            throw new InvalidArgumentException("Neither old nor new names may be empty");
        }
        String wanted = newName.startsWith("/") ? newName : "/" + newName;
        Container c = store.get(ref);
        ContainerRecord r;
        c.lock().lock();
        try {
            String oldName = c.record().name();
            if (oldName.equals(wanted)) {
                throw new InvalidArgumentException("Renaming a container with the same name as its current name");
            }
            try {
                ContainerNames.normalize(wanted);
                store.reserveName(wanted, c.id());
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("Error when allocating new name: " + e.getMessage(), e);
            } catch (AlreadyExistsException e) {
                throw new AlreadyExistsException("Error when allocating new name: " + e.getMessage(), e);
            }
            try {
                r = c.update(x -> x.withName(wanted));
                files.save(r);
            } catch (RuntimeException e) {
                c.update(x -> x.withName(oldName));
                store.releaseName(wanted, c.id());
                throw e;
            }
            store.releaseName(oldName, c.id());
            events.publish(r, "rename", Map.of("oldName", oldName));
        } finally {
            c.lock().unlock();
        }
    }
}
