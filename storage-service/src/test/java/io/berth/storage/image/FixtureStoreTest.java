package io.berth.storage.image;

import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import io.berth.storage.snapshot.StorageDriver;
import io.berth.storage.snapshot.overlay.OverlaySnapshotter;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.RecordingEvents;
import io.berth.storage.testing.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store on overlay2 with both fixture images loaded (busybox:1, multilayer:1) and no event recorded yet. */
abstract class FixtureStoreTest {
    static final String CONTAINER = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;
    StorageLayout layout;
    StorageDriver driver;
    ImageStore store;
    final RecordingEvents events = new RecordingEvents();
    Digest busyboxChain;

    @BeforeEach
    void setUp() throws IOException {
        Fixtures.requireRoot();
        layout = new StorageLayout(tmp.resolve("data"));
        driver = new OverlaySnapshotter(layout.driverRoot("overlay2"));
        store = TestStores.open(layout, driver, events);
        for (String f : List.of(ImageStoreTest.BUSYBOX, ImageStoreTest.MULTILAYER)) {
            try (InputStream in = Files.newInputStream(Fixtures.image(f))) {
                store.load(in);
            }
        }
        busyboxChain = store.get("fixture/busybox:1").topChainId();
        events.clear();
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }
}
