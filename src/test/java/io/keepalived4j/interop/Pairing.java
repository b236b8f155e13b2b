package io.keepalived4j.interop;

/** Which daemon runs on lb1 (the master) and lb2 (the backup): every combination of the two. */
enum Pairing {
    KEEPALIVED_KEEPALIVED(NodeFactory.KEEPALIVED, NodeFactory.KEEPALIVED),
    K4J_K4J(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED4J),
    K4J_MASTER_KEEPALIVED_BACKUP(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED),
    KEEPALIVED_MASTER_K4J_BACKUP(NodeFactory.KEEPALIVED, NodeFactory.KEEPALIVED4J);

    private final NodeFactory lb1;
    private final NodeFactory lb2;

    Pairing(NodeFactory lb1, NodeFactory lb2) {
        this.lb1 = lb1;
        this.lb2 = lb2;
    }

    NodeFactory lb1() {
        return lb1;
    }

    NodeFactory lb2() {
        return lb2;
    }
}
