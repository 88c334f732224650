/**
 * Reading bkmonitorbeat's YAML configuration: the main file, its task sections, the child files of
 * {@code bkmonitorbeat.include}, the CMDB host-id file, and watchers that notice when the latter two
 * change.
 *
 * <p>Entry point: {@link io.bkmonitorbeat.host.config.ConfigLoader}. The parsing classes are pure:
 * they log nothing and return warnings and problems as data. Only the watchers log (SLF4J).
 *
 * <p>Key rule: a dotted key means the same as nested keys ({@code output.bkpipe: {...}} equals
 * {@code output: {bkpipe: {...}}}), at every level, but only when every dot-separated segment looks
 * like an identifier ({@code [A-Za-z_][A-Za-z0-9_-]*}); other keys, such as the OID {@code
 * 1.3.6.1.4} in a trap {@code oids} map, stay intact (see {@link
 * io.bkmonitorbeat.host.config.DottedKeys}).
 *
 * <p>Every parameter and return value is non-null unless its javadoc says otherwise.
 */
package io.bkmonitorbeat.host.config;
