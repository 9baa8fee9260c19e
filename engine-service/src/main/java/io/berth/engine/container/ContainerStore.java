package io.berth.engine.container;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's in-memory index of containers: by ID, by name, by unique ID prefix (dockerd's
 * {@code GetContainer}). Names are reserved before a container exists so two concurrent creates cannot
 * take the same name. Persistence is {@link ContainerRecordFiles}'s job. Thread-safe.
 */
@Singleton
public final class ContainerStore {
    private final Map<String, Container> byId = new HashMap<>();
    private final Map<String, String> idByName = new HashMap<>();

    /**
     * Reserves a name for a container ID.
     *
     * @param name stored form, "/web"
     * @param id the container ID
     * @throws AlreadyExistsException with dockerd's 409 text if another container has it
     */
    public synchronized void reserveName(String name, String id) {
        String owner = idByName.get(name);
        if (owner != null && !owner.equals(id)) {
            throw new AlreadyExistsException("Conflict. The container name \"" + name + "\" is already in use by "
                    + "container \"" + owner + "\". You have to remove (or rename) that container to be able to "
                    + "reuse that name.");
        }
        idByName.put(name, id);
    }

    /**
     * Frees a name if {@code id} holds it.
     *
     * @param name stored form
     * @param id the container ID
     */
    public synchronized void releaseName(String name, String id) {
        idByName.remove(name, id);
    }

    /**
     * Adds a container (its name must be reserved for it).
     *
     * @param c the container
     */
    public synchronized void add(Container c) {
        byId.put(c.id(), c);
        idByName.put(c.record().name(), c.id());
    }

    /**
     * Removes a container and frees its name.
     *
     * @param c the container
     */
    public synchronized void remove(Container c) {
        byId.remove(c.id(), c);
        idByName.remove(c.record().name(), c.id());
    }

    /**
     * Finds a container by full ID, name ("web" or "/web") or unique ID prefix, in that order.
     *
     * @param ref the reference the client gave
     * @return the container, or empty if none or the prefix is ambiguous
     */
    public synchronized Optional<Container> find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Container c = byId.get(ref);
        if (c != null) {
            return Optional.of(c);
        }
        String id = idByName.get(ref.startsWith("/") ? ref : "/" + ref);
        if (id != null && byId.containsKey(id)) {
            return Optional.of(byId.get(id));
        }
        Container match = null;
        for (Map.Entry<String, Container> e : byId.entrySet()) {
            if (e.getKey().startsWith(ref)) {
                if (match != null) {
                    return Optional.empty();
                }
                match = e.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * @param ref full ID, name or unique ID prefix
     * @return the container
     * @throws NotFoundException "No such container: <ref>"
     * @throws InvalidArgumentException "Multiple IDs found with provided prefix: <ref>" when the prefix matches
     *     several IDs (dockerd 20.10's truncindex text; 20.10 answers it with 500, later dockerd with 400 as an
     *     invalid parameter, which is what this is)
     */
    public Container get(String ref) {
        return find(ref).orElseThrow(() -> prefixMatches(ref) > 1
                ? new InvalidArgumentException("Multiple IDs found with provided prefix: " + ref)
                : new NotFoundException("No such container: " + ref));
    }

    private synchronized int prefixMatches(String ref) {
        if (ref == null || ref.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String id : byId.keySet()) {
            if (id.startsWith(ref)) {
                n++;
            }
        }
        return n;
    }

    /** @return every container, newest first */
    public synchronized List<Container> all() {
        List<Container> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing((Container c) -> c.record().created()).reversed());
        return out;
    }

    /**
     * @param id a full ID
     * @return true if an ID is taken
     */
    public synchronized boolean containsId(String id) {
        return byId.containsKey(id);
    }
}
