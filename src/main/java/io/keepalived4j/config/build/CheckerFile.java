package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.OptionalLong;

/**
 * {@code FILE_CHECK} (check_file.c): {@code track_file NAME} naming a top-level track_file,
 * {@code weight W [reverse|noreverse]} in +-IPVS_WEIGHT_LIMIT. No timing: it reacts to the file.
 * (The man page's {@code dynamic} is not in keepalived's parser.)
 */
final class CheckerFile implements CheckerPlugin {

    static final CheckerFile INSTANCE = new CheckerFile();

    private CheckerFile() {
    }

    @Override
    public String keyword() {
        return "FILE_CHECK";
    }

    @Override
    public List<BlockSpec> specs() {
        return List.of(BlockSpec.builder(keyword()).value("track_file", "weight").build());
    }

    @Override
    public List<CheckerDraft> parse(Node block, CheckerContext ctx) {
        BuildReport report = ctx.report();
        String file = null;
        OptionalLong weight = OptionalLong.empty();
        boolean reverse = false;
        for (Node n : CheckerCommon.children(block)) {
            switch (n.keyword()) {
                case "track_file" -> {
                    if (!report.require(n, 1)) {
                        continue;
                    }
                    if (ctx.trackFiles().contains(n.arg(0))) {
                        file = n.arg(0);
                    } else {
                        report.error(n, "unknown-track-file", "track_file " + n.arg(0) + " not found",
                                "define it at top level: track_file " + n.arg(0) + " { file PATH }");
                    }
                }
                case "weight" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "track-file-weight", "track file weight missing", "write: weight W [reverse]");
                        continue;
                    }
                    KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), -KeepalivedNumbers.WEIGHT_LIMIT, KeepalivedNumbers.WEIGHT_LIMIT);
                    if (!r.accepted()) {
                        report.error(n, "track-file-weight", "weight for track file must be in [-" + KeepalivedNumbers.WEIGHT_LIMIT
                                + ".." + KeepalivedNumbers.WEIGHT_LIMIT + "] inclusive. Ignoring...", r.problem());
                        continue;
                    }
                    if (n.argCount() >= 2 && !n.arg(1).equals("reverse") && !n.arg(1).equals("noreverse")) {
                        report.error(n, "track-file-weight", "unknown track file weight option " + n.arg(1) + " - ignoring",
                                "use reverse or noreverse");
                        continue;
                    }
                    weight = OptionalLong.of(r.value());
                    reverse = n.argCount() >= 2 && n.arg(1).equals("reverse");
                }
                default -> {
                    // unknown keywords are the schema's to report
                }
            }
        }
        if (file == null) {
            report.error(block, "file-check-no-file", "FILE_CHECK has no track_file specified - ignoring",
                    "add: track_file NAME");
            return List.of();
        }
        String name = file;
        OptionalLong w = weight;
        boolean rev = reverse;
        CheckerCommon none = new CheckerCommon(false, ctx.server().address, report);
        return List.of(CheckerDraft.standard(block, none, r -> new FileCheck(name, w, rev, block.position())));
    }
}
