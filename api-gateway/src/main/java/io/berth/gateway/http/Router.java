package io.berth.gateway.http;

import java.util.List;

/** A group of Docker Engine API routes for one resource (containers, images, system, events). */
public interface Router {
    /** @return the route table, matched in order */
    List<Route> routes();
}
