/**
 * Writing generated child configuration files safely, shared by the procconf and procsync
 * plugins: {@link io.bkmonitorbeat.configwriter.ConfigFiles} (compare before write, atomic
 * replace, modes), {@link io.bkmonitorbeat.configwriter.YamlText} and {@link
 * io.bkmonitorbeat.configwriter.GoDuration}.
 */
package io.bkmonitorbeat.configwriter;
