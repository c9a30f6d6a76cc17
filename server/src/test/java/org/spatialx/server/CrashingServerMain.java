package org.spatialx.server;

import java.nio.file.Path;

/**
 * Test helper run in a child JVM by {@link CrashRecoveryTest}: starts a server on the given home,
 * submits a job that never ends, prints {@code READY <jobId> <url>} and waits to be killed.
 */
public final class CrashingServerMain {

    private CrashingServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("crash"));
        String studyId = ServerFixture.createStudy(new ProtocolClient(server), "crash");
        Path log = server.home().resolve("studies").resolve(studyId).resolve("analysis/AN-CRASH/analysis.log");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        long jobId = server.jobs().submit("test.forever", "AN-CRASH", log, context -> {
            context.log("started, waiting for the kill");
            started.countDown();
            Thread.sleep(Long.MAX_VALUE);
        });
        started.await();
        System.out.println("READY " + jobId + " " + studyId + " " + log);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
