package io.keepalived4j.config.build;

import io.keepalived4j.config.schema.BlockSpec;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/**
 * One kind of health checker: its block keyword, its keyword tables and defaults, and the code
 * that reads its block. As in keepalived's check_*.c files, each checker owns its keywords
 * (STYLE.md rule 7); the schema collects the tables through {@link CheckerPlugins#specs()}.
 */
sealed interface CheckerPlugin
        permits CheckerConnectOnly, CheckerHttp, CheckerSmtp, CheckerDns, CheckerUdp, CheckerMisc, CheckerFile,
        CheckerBfd {

    /** The block keyword inside {@code real_server}, e.g. {@code TCP_CHECK}. */
    String keyword();

    /** The keyword tables of the block and of its sub-blocks. */
    List<BlockSpec> specs();

    /**
     * Reads one block in file order, reporting what keepalived 2.2.7 reports. Empty when keepalived
     * drops the checker; several drafts when one block makes several checkers (SMTP hosts).
     */
    List<CheckerDraft> parse(Node block, CheckerContext context);
}
