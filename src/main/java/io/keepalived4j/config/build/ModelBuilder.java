package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.LvsSection;
import io.keepalived4j.config.model.VrrpSection;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/** Builds the typed model from a schema-checked tree; every bad value becomes a diagnostic. */
public final class ModelBuilder {

    /**
     * The diagnostics stage of keepalived's VRRP completion checks (vrrp_complete_init()), which
     * 2.2.7 never reaches when an interface is missing (see Diagnostics#skipStage).
     */
    public static final String VRRP_COMPLETION_STAGE = "vrrp-completion";

    /**
     * The diagnostics stage of what keepalived's checker, VRRP and BFD configurations find (all but
     * global_defs), which 2.2.7 never reads when it cannot enter its net_namespace.
     */
    public static final String CHILD_STAGE = "child";

    private ModelBuilder() {
    }

    public static KeepalivedConfig build(List<Node> roots, Diagnostics diagnostics) {
        BuildReport report = new BuildReport(diagnostics);
        GlobalDefs global = GlobalDefsBuilder.build(roots, report);
        GlobalDefsChecks.check(roots, report);
        VrrpSection[] vrrp = new VrrpSection[1];
        LvsSection[] lvs = new LvsSection[1];
        diagnostics.stage(CHILD_STAGE, () -> {
            lvs[0] = LvsBuilder.build(roots, diagnostics);
            vrrp[0] = VrrpSectionBuilder.build(roots, global, report);
            BfdChecks.check(roots, report);
        });
        return new KeepalivedConfig(global, vrrp[0], lvs[0]);
    }
}
