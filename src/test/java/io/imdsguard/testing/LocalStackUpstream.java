package io.imdsguard.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in Docker via Testcontainers, used when a Docker daemon is reachable. */
final class LocalStackUpstream implements Upstream {

    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private final LocalStackContainer container;

    private LocalStackUpstream(LocalStackContainer container) {
        this.container = container;
    }

    /**
     * Whether Docker can be used. Testcontainers' own probe is slow and logs stack traces when there
     * is no daemon, so it only runs when a daemon is plausibly configured.
     */
    static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        boolean plausible = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker/run/docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
        if (!plausible) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static LocalStackUpstream start() {
        LocalStackContainer container = new LocalStackContainer(IMAGE);
        container.start();
        return new LocalStackUpstream(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void reset() {
        int status = Upstream.post(endpoint(), "/_localstack/state/reset");
        if (status != 200) {
            System.err.println("[AwsEmulator] LocalStack state reset answered HTTP " + status
                    + "; state is not reset between test classes");
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
