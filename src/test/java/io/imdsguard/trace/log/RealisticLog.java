package io.imdsguard.trace.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A realistic analyzer 1.4+ log for one host over two hours: a dozen processes (daemons with a fixed
 * pid, cron jobs with a new pid each run), several hundred calls, each logged three times (three
 * kernel probes), rotated into three files, plus a token-bearing 1.2-style line, lost samples, noise.
 */
final class RealisticLog {
    private record Proc(String comm, String argv, String parents, int everyMinutes, boolean newPid, boolean v2,
                        List<String> paths) {
    }

    private static final List<Proc> PROCS = List.of(
            new Proc("python3", "/usr/bin/python3 /opt/legacy/agent.py --interval 300 --config /etc/legacy/agent.yaml",
                    "(pid:1:systemd argv:/usr/lib/systemd/systemd --switched-root --system --deserialize 22)", 5, false, false,
                    List.of("/latest/meta-data/iam/security-credentials/", "/latest/meta-data/iam/security-credentials/legacy-role")),
            new Proc("java", "java -Xmx2g -Dapp.mode=(legacy) -cp /opt/app/lib/app.jar:/opt/app/lib/aws-java-sdk-1.11.1000.jar com.example.Main --route (a) -> (b)",
                    "(pid:4200:sh argv:/bin/sh -c exec java -cp /opt/app/lib/app.jar com.example.Main) -> (pid:1:systemd argv:/sbin/init)", 10, false, false,
                    List.of("/latest/meta-data/iam/security-credentials/", "/latest/meta-data/iam/security-credentials/app-role",
                            "/latest/dynamic/instance-identity/document")),
            new Proc("node", "node /srv/web/server.js --port 8080", "(pid:1:systemd argv:/sbin/init)", 15, false, false,
                    List.of("/latest/meta-data/placement/region")),
            new Proc("ruby", "/opt/chef/embedded/bin/ruby /usr/bin/chef-client -i 1800", "(pid:1:systemd argv:/sbin/init)", 30, false, false,
                    List.of("/latest/meta-data/", "/latest/user-data")),
            new Proc("aws", "/usr/bin/python3 /usr/bin/aws ec2 describe-tags --region eu-west-1",
                    "(pid:0:bash argv:/bin/bash /usr/local/bin/tag-sync.sh) -> (pid:1203:crond argv:/usr/sbin/crond -n)", 10, true, false,
                    List.of("/latest/meta-data/instance-id", "/latest/meta-data/placement/availability-zone")),
            new Proc("curl", "curl -s http://169.254.169.254/latest/meta-data/local-ipv4",
                    "(pid:0:sh argv:/bin/sh -c /usr/local/bin/report-ip) -> (pid:1203:crond argv:/usr/sbin/crond -n)", 5, true, false,
                    List.of("/latest/meta-data/local-ipv4")),
            new Proc("telegraf", "/usr/bin/telegraf -config /etc/telegraf/telegraf.conf", "(pid:1:systemd argv:/sbin/init)", 2, false, false,
                    List.of("/latest/meta-data/instance-type")),
            new Proc("collectd", "/usr/sbin/collectd -C /etc/collectd.conf -f", "(pid:1:systemd argv:/sbin/init)", 20, false, false,
                    List.of("/latest/meta-data/hostname")),
            new Proc("puppet", "/opt/puppetlabs/puppet/bin/ruby /opt/puppetlabs/puppet/bin/puppet agent --no-daemonize", "(pid:1:systemd argv:/sbin/init)", 30, false, false,
                    List.of("/latest/meta-data/public-keys/", "/latest/meta-data/mac")),
            new Proc("nscd", "/usr/sbin/nscd", "(pid:1:systemd argv:/sbin/init)", 60, false, false,
                    List.of("/latest/meta-data/local-hostname")),
            new Proc("amazon-ssm-agen", "/usr/bin/amazon-ssm-agent", "(pid:1:systemd argv:/usr/lib/systemd/systemd)", 2, false, true,
                    List.of("/latest/api/token", "/latest/meta-data/instance-id")),
            new Proc("cloud-init", "/usr/bin/python3 /usr/bin/cloud-init modules --mode=final", "(pid:1:systemd argv:/sbin/init)", 120, false, false,
                    List.of("/latest/meta-data/public-ipv4")));

    private RealisticLog() {
    }

    /** The files written, oldest first, and the calls written into them (the token-bearing line is one more). */
    record Written(List<Path> files, long v1Calls, long v2Calls) {
    }

    /** Writes imds-trace.log.2, .1 and imds-trace.log into {@code dir}. */
    static Written write(Path dir) throws IOException {
        long v1 = 1;
        long v2 = 0;
        Random random = new Random(7);
        TreeMap<Long, List<String>> byTime = new TreeMap<>();
        int nextPid = 20000;
        for (int p = 0; p < PROCS.size(); p++) {
            Proc proc = PROCS.get(p);
            int pid = 3000 + p * 17;
            for (int minute = p % proc.everyMinutes(); minute < 120; minute += proc.everyMinutes()) {
                int callPid = proc.newPid() ? nextPid++ : pid;
                int parentPid = proc.newPid() ? callPid - 1 : 0;
                long ms = minute * 60_000L + random.nextInt(50_000);
                for (String path : proc.paths()) {
                    ms += 3 + random.nextInt(40);
                    if (proc.v2()) {
                        v2++;
                    } else {
                        v1++;
                    }
                    String parents = proc.parents().replace("(pid:0:", "(pid:" + parentPid + ":");
                    String message = (proc.v2() ? "[INFO] imdsv2" : "[WARNING] imdsv1(!)") + " (pid:" + callPid + ":" + proc.comm()
                            + " argv:" + proc.argv() + ") called by -> " + parents + " req details: "
                            + (path.endsWith("/token") ? "put " : "get ") + path + " http/1.1, host: 169.254.169.254, user-agent: "
                            + proc.comm() + "/1.0, accept: */*, " + (proc.v2() ? "**token redacted**, " : "") + ", ";
                    // three probes: the same line three times, within a millisecond
                    for (int copy = 0; copy < 3; copy++) {
                        byTime.computeIfAbsent(ms + (copy == 2 ? 1 : 0), t -> new ArrayList<>()).add(message);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(stamp(0) + " [INFO] Try to attach multiple kernel functions to make sure the event can be triggered in most cases.");
        lines.add(stamp(1) + " [INFO] Cannot attach kprobe to __sock_sendmsg, it depends on your kernels.");
        lines.add(stamp(2) + " [WARNING] IMDSv1(!) (pid:2999:bash argv:bash -c curl -H x-aws-ec2-metadata-token:"
                + TraceLogParserTest.TOKEN + " http://169.254.169.254/latest/meta-data/) Req details: GET /latest/meta-data/ HTTP/1.1, "
                + "Host: 169.254.169.254, X-aws-ec2-metadata-token: " + TraceLogParserTest.TOKEN + ", , ");
        byTime.forEach((t, messages) -> messages.forEach(m -> lines.add(stamp(t) + " " + m)));
        lines.add(lines.size() / 2, "Possibly lost 4 samples");
        lines.add(lines.size() / 3, "Traceback (most recent call last):");
        int third = lines.size() / 3;
        List<Path> files = List.of(dir.resolve("imds-trace.log.2"), dir.resolve("imds-trace.log.1"), dir.resolve("imds-trace.log"));
        Files.write(files.get(0), lines.subList(0, third));
        Files.write(files.get(1), lines.subList(third, 2 * third));
        Files.write(files.get(2), lines.subList(2 * third, lines.size()));
        return new Written(files, v1, v2);
    }

    private static String stamp(long ms) {
        long s = ms / 1000;
        return "[2026-03-02 %02d:%02d:%02d,%03d]".formatted(10 + s / 3600, s / 60 % 60, s % 60, ms % 1000);
    }
}
