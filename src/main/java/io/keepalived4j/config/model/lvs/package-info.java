/**
 * The LVS side of the typed configuration: virtual server groups, virtual servers, real servers
 * and their health checkers (features.md sections 11 and 12). Every value here is already
 * resolved the way keepalived 2.2.7 resolves it after {@code validate_check_config()}: defaults
 * filled in, inheritance applied (checker over real server over virtual server over checker
 * default), invalid entries dropped.
 */
package io.keepalived4j.config.model.lvs;
