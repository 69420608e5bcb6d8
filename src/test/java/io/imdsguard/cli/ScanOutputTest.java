package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.inventory.SnapshotIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where {@code scan} writes: symlinks, FIFOs and devices, stdout and its failures, files versus directories. */
class ScanOutputTest {
    private static final Path DEMO = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");

    @TempDir
    Path dir;

    private static CliRun scan(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "scan";
        all[1] = "--snapshot";
        all[2] = DEMO.toString();
        all[3] = "--fail-on=none";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void symlinkIsWrittenThroughAndStaysALink() throws Exception {
        Path target = Files.writeString(dir.resolve("report.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), target.getFileName());
        CliRun run = scan("-f", "json", "-o", link.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(json(Files.readString(target)).get("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void replacedFileKeepsItsModeAndANewFileGetsTheUmasks() throws Exception {
        Path existing = Files.writeString(dir.resolve("shared.json"), "old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(scan("-f", "json", "-o", existing.toString()).exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-r--r--");
        Path fresh = dir.resolve("fresh.json");
        assertThat(scan("-f", "json", "-o", fresh.toString()).exit()).isZero();
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(fresh)).as("as any new file here")
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void danglingSymlinkCreatesItsTarget() throws Exception {
        Path target = dir.resolve("new.json");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), target);
        CliRun run = scan("-f", "json", "-o", link.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).contains("\"schemaVersion\"");
    }

    @Test
    void fifoIsWrittenThroughNotReplaced() throws Exception {
        Path fifo = dir.resolve("report.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        CompletableFuture<String> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(Files.readString(fifo));
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        });
        // A reader left blocked (the FIFO replaced by a file) must not keep the test JVM alive.
        reader.setDaemon(true);
        reader.start();
        CliRun run = scan("-f", "json", "-o", fifo.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(read.get(30, TimeUnit.SECONDS)).get("findings")).hasSize(8);
        BasicFileAttributes attributes = Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(attributes.isOther()).as("still a FIFO").isTrue();
    }

    @Test
    void devNullStaysACharacterDevice() {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "a system with /dev/null");
        CliRun run = scan("-f", "json", "-o", "/dev/null");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.exists(devNull)).isTrue();
    }

    @Test
    void devStdoutIntoAPipeIsWrittenThrough() throws Exception {
        // /dev/stdout -> /proc/self/fd/1 -> pipe:[N]: a link only the kernel can follow. A child process's
        // stdout is a pipe, as in `imdsguard scan -o /dev/stdout | jq`.
        assumeTrue(Files.exists(Path.of("/proc/self/fd/1")), "Linux /proc");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "scan", "--snapshot", DEMO.toString(), "-f", "json", "-o", "/dev/stdout", "--fail-on", "none")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(json(out.get()).path("findings").size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "table", "html"})
    void fullDeviceIsAWriteErrorNamingTheFile(String format) {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a system with /dev/full");
        CliRun run = scan("-f", format, "-o", "/dev/full");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .startsWith("imdsguard: cannot write /dev/full: ").doesNotContain("Exception");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }

    @Test
    void failedWriteToStdoutExitsTwoWithOneLine() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        CliRun run = CliRun.withStdout(broken, "scan", "--snapshot", DEMO.toString(), "--fail-on", "none");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .isEqualTo("imdsguard: cannot write to stdout (closed, or no space left); the output is incomplete");
        CliRun gateFailed = CliRun.withStdout(broken, "scan", "--snapshot", DEMO.toString());
        assertThat(gateFailed.exit()).as("a lost report is not a gate verdict").isEqualTo(2);
    }

    @Test
    void stdoutOnAFullDiskExitsTwo() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a system with /dev/full");
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            CliRun run = CliRun.withStdout(full, "scan", "--snapshot", DEMO.toString(), "-f", "json", "--fail-on", "none");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("imdsguard: cannot write to stdout");
        }
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            CliRun help = CliRun.withStdout(full, "scan", "--help");
            assertThat(help.exit()).as("help lost on stdout is an error too").isEqualTo(2);
        }
    }

    @Test
    void mainsStdoutSeesWriteErrors() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "a system with /dev/full");
        try (FileOutputStream full = new FileOutputStream("/dev/full")) {
            PrintWriter out = Main.stdout(full);
            out.println("report");
            assertThat(out.checkError()).isTrue();
        }
    }

    @Test
    void trailingSlashMakesANewDirectoryEvenForOneFormat() {
        Path reports = dir.resolve("newdir");
        CliRun run = scan("-f", "json", "-o", reports + "/");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(reports).isDirectory();
        assertThat(reports.resolve("imdsguard-report.json")).isRegularFile();
    }

    @Test
    void severalFormatsIntoAnExistingFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("report.json"), "previous");
        CliRun run = scan("-f", "json", "-f", "sarif", "-o", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .contains("several --format values need a directory for --output, not the file").contains("report.json");
        assertThat(file).isRegularFile().hasContent("previous");
    }

    @Test
    void severalFormatsIntoANewPathWithoutSlashIsAUsageError() {
        Path target = dir.resolve("reports");
        CliRun run = scan("-f", "json,sarif", "-o", target.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("need a directory").contains("reports/");
        assertThat(target).doesNotExist();
    }

    @Test
    void existingFileWithTrailingSlashIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("report.json"), "previous");
        CliRun run = scan("-f", "json", "-o", file + "/");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not a directory");
        assertThat(file).hasContent("previous");
    }

    @Test
    void formatsAreCommaSeparatedAndCaseInsensitive() {
        Path reports = dir.resolve("reports");
        CliRun run = scan("-f", "JSON,Sarif", "-f", "junit", "-o", reports + "/");
        assertThat(run.exit()).as(run.err()).isZero();
        try (var files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "imdsguard-report.json", "imdsguard-report.sarif", "imdsguard-report.xml");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CliRun empty = scan("-f", "json,", "-o", reports + "/");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("--format: empty format name in 'json,'");
    }

    @Test
    void dashIsStdoutForOneFormatOnly() throws Exception {
        CliRun run = scan("-f", "json", "-o", "-");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(run.out()).get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(Path.of("-")).as("no file named '-'").doesNotExist();
        CliRun two = scan("-f", "json,sarif", "-o", "-");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("only one format can go to stdout");
    }

    @Test
    void savedSnapshotCanGoToStdoutWhenTheReportDoesNot() throws Exception {
        Path report = dir.resolve("r.json");
        CliRun run = scan("-f", "json", "-o", report.toString(), "--save-snapshot", "-");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(SnapshotIO.read(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)), "stdout")
                .instanceCount()).isEqualTo(8);
        assertThat(report).isRegularFile();
        CliRun both = scan("--save-snapshot", "-");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("cannot both go to stdout");
        CliRun slash = scan("--save-snapshot", dir.resolve("snapdir") + "/");
        assertThat(slash.exit()).isEqualTo(2);
        assertThat(slash.err()).contains("--save-snapshot needs a file name");
    }

    @Test
    void snapshotAndConfigReadStdin() throws Exception {
        String demo = Files.readString(DEMO);
        CliRun run = CliRun.withStdin(demo, "scan", "--snapshot", "-", "-f", "json", "--fail-on", "none");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(run.out()).get("findings")).hasSize(8);
        CliRun config = CliRun.withStdin("exposure:\n  trustedCidrs: [0.0.0.0/0]\n",
                "scan", "--snapshot", DEMO.toString(), "--config", "-", "-f", "json", "--fail-on", "none");
        assertThat(config.exit()).as(config.err()).isZero();
        assertThat(json(config.out()).at("/summary/CRITICAL").asInt()).isZero();
        CliRun bad = CliRun.withStdin("{", "scan", "--snapshot", "-");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("imdsguard: stdin");
        CliRun both = CliRun.withStdin("", "scan", "--snapshot", "-", "--config", "-");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("cannot both read stdin");
    }

    @Test
    void missingOutputDirectoryFailsBeforeCollecting() {
        // Nothing listens on port 9: an AWS call would fail with "cannot reach AWS", not with the path.
        CliRun run = CliRun.of("scan", "--regions", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
                "-f", "json", "-o", dir.resolve("no/such/dir/r.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("imdsguard: cannot write ").contains("no/such/dir").doesNotContain("reach");
    }

    @Test
    void emptyRegionsAreAUsageErrorNotEveryRegion() {
        CliRun unset = CliRun.of("scan", "--regions", "", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err().strip()).startsWith("imdsguard: --regions: empty");
        CliRun strayComma = CliRun.of("scan", "--regions", "us-east-1,,", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(strayComma.exit()).isEqualTo(2);
        assertThat(strayComma.err().strip()).isEqualTo("imdsguard: --regions: empty region name in 'us-east-1,,'");
    }

    @Test
    void helpDocumentsListsAndDash() {
        CliRun run = CliRun.of("scan", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("comma-separated").contains("'-' is stdout").contains("'-' reads stdin")
                .contains("ending in '/'");
    }
}
