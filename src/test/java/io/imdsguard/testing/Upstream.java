package io.imdsguard.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The real AWS API emulator behind the stub: moto, LocalStack or an endpoint named by the user. */
interface Upstream extends AutoCloseable {

    /** Where the emulator answers. */
    URI endpoint();

    /** Wipes all emulated AWS state. */
    void reset();

    @Override
    void close();

    /** POSTs to an admin path of the emulator and returns the HTTP status (-1 when unreachable). */
    static int post(URI base, String path) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** An endpoint someone else runs (env AWS_ENDPOINT_URL); reset works if it is moto. */
    record External(URI endpoint) implements Upstream {
        @Override
        public void reset() {
            int status = post(endpoint, "/moto-api/reset");
            if (status != 200) {
                System.err.println("[AwsEmulator] " + endpoint + " did not accept /moto-api/reset (HTTP " + status
                        + "); state is not reset between test classes");
            }
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }
}
