package io.berth.gateway.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of the Go struct a Docker API body record is decoded into by dockerd, when it differs from the
 * record's simple name (the create body is moby's {@code ContainerConfigWrapper}); used in Go's error texts
 * by {@link GoNumbers}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GoStruct {
    /** @return the Go struct's name */
    String value();
}
