package org.spatialx.server.http;

/** A family of endpoints (account, studies, submissions, uploads, the gateway) that puts its routes on the server. */
@FunctionalInterface
public interface Endpoints {

    /** Registers every route of this family on {@code server}. */
    void register(ApiServer server);
}
