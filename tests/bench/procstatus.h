#pragma once

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

// A /proc/self/status figure in MiB, e.g. procMiB("VmHWM:") (peak resident memory) or
// procMiB("VmRSS:"); -1 where there is no such file or line (not Linux).
inline double procMiB(const char *key)
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0)
            return std::atof(line.c_str() + std::strlen(key)) / 1024.0;
    return -1;
}
