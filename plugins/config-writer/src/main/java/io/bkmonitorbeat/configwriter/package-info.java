/**
 * Writing generated child configuration files safely, shared by the procconf and procsync
 * plugins: {@link io.bkmonitorbeat.configwriter.ConfigFiles} (compare before write, atomic
 * replace, modes) and {@link io.bkmonitorbeat.configwriter.YamlText}.
 */
package io.bkmonitorbeat.configwriter;
