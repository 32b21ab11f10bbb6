package dev.sidedoor.core.source.process;

/**
 * One process start as an endpoint sensor reports it, in the names of Sigma's {@code process_creation} taxonomy.
 * Any value may be null when the sensor does not report it; paths are as logged (Falcon reports only the parent's
 * file name, not its path).
 *
 * @param recordId          the sensor's id of this record (Falcon's id or TargetProcessId, Defender's ReportId,
 *                          Sysmon's ProcessGuid), part of the finding id
 * @param time              ISO-8601 instant
 * @param os                "windows", "linux" or "macos"; null when unknown (then every OS's rules see it)
 * @param computer          host name
 * @param hostId            the sensor's host id (Falcon aid, Defender DeviceId, Elastic agent.id)
 * @param account           the sensor tenant (Falcon cid, Defender tenant), or null
 * @param user              account that started the process, "DOMAIN\\user" or "user"
 * @param image             full path of the new process's file
 * @param commandLine       its command line
 * @param parentImage       the parent's path, or its file name when only that is known
 * @param parentCommandLine the parent's command line
 * @param grandparentImage  the grandparent's path or file name
 * @param processId         the new process's id as the sensor numbers it
 * @param parentProcessId   the parent's id
 * @param currentDirectory  working directory
 * @param originalFileName  PE original file name
 * @param integrityLevel    Windows integrity level
 * @param hashes            "SHA256=...,MD5=..." as Sysmon writes them
 * @param hostIp            the host's own address, context only: it is not a caller's network
 */
public record ProcessStart(
        String recordId,
        String time,
        String os,
        String computer,
        String hostId,
        String account,
        String user,
        String image,
        String commandLine,
        String parentImage,
        String parentCommandLine,
        String grandparentImage,
        String processId,
        String parentProcessId,
        String currentDirectory,
        String originalFileName,
        String integrityLevel,
        String hashes,
        String hostIp) {
}
