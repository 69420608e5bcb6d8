package io.imdsguard.analyze.iam.simulate;

/** Simulation input that cannot be evaluated; the one-line message names the item index. */
public class SimulationInputException extends RuntimeException {
    public SimulationInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
