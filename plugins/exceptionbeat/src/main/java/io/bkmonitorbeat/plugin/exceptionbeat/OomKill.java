package io.bkmonitorbeat.plugin.exceptionbeat;

/**
 * One OOM kill read from the kernel log.
 *
 * @param process the killed task's name ({@code comm})
 * @param pid the killed task's pid
 * @param constraint the OOM constraint ({@code CONSTRAINT_MEMCG}, ...; empty on old kernels)
 * @param oomMemcg the memory cgroup that ran out ({@code /} for a system-wide OOM)
 * @param taskMemcg the killed task's memory cgroup
 * @param monotonicMicros the kernel time of the finishing record, since boot
 */
record OomKill(String process, long pid, String constraint, String oomMemcg, String taskMemcg,
    long monotonicMicros) {}
