package io.keepalived4j.demo;

/**
 * One machine of the seed tutorials' topology, in its own network namespace.
 *
 * @param name      the tutorials' role: lb1, lb2 (directors running keepalived), rs1, rs2 (real
 *                  servers), client
 * @param namespace {@code k4j-demo-<hex>-<name>}
 * @param port      the switch-side veth {@code k4jd<hex>pN} (12 characters, under the kernel's 15)
 * @param address   the host's IPv4 address on {@code eth0}, /24
 * @param mac       {@code eth0}'s MAC, fixed so the client's neighbour table names the VIP's holder
 */
public record DemoHost(String name, String namespace, String port, String address, String mac) {
}
