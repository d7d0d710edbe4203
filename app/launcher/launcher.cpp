// The launcher of the Windows and macOS packages (ATTNLAB_DISPATCH): those systems have no
// glibc-hwcaps, so the packages carry each program twice, built for baseline x86-64 and for
// x86-64-v3 (whole programs, so no Eigen template is ever built with two sets of flags into
// one binary), and this small baseline program, installed under the program's own name,
// starts the copy the CPU can run:
//
//   attentionlab[.exe]  ->  attentionlab-x86-64-v3[.exe]  or  attentionlab-baseline[.exe]
//
// beside it, with the same arguments, standard streams and exit code. The copy is named
// after the launcher's own file, so one source serves the window and the CLI.
//
// ATTNLAB_VARIANT=baseline or x86-64-v3 forces a copy (the x86-64-v3 one even on a CPU
// without AVX2, which then stops with an illegal instruction, as forcing a glibc-hwcaps
// copy does); ATTNLAB_LAUNCHER_DRY_RUN=1 prints the chosen file and exits.
//
// Its messages are English only: it has no Qt to translate them, and it speaks only when
// the installation is damaged.

#include "launcher/cpulevel.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <cerrno>
#include <climits>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif
#endif

namespace {

constexpr const char *kBaseline = "baseline";
constexpr const char *kV3 = "x86-64-v3";

// The copy to start: the forced one, else x86-64-v3 where the CPU has it and it is
// installed, else baseline. nullptr when ATTNLAB_VARIANT names no copy.
const char *chooseVariant(const char *forced, bool v3Installed)
{
    if (forced && *forced) {
        if (std::strcmp(forced, kBaseline) == 0)
            return kBaseline;
        if (std::strcmp(forced, kV3) == 0)
            return kV3;
        return nullptr;
    }
    return v3Installed && attn::launcher::cpuIsX86_64_v3() ? kV3 : kBaseline;
}

bool dryRun()
{
    const char *v = std::getenv("ATTNLAB_LAUNCHER_DRY_RUN");
    return v && *v && std::strcmp(v, "0") != 0;
}

#if defined(_WIN32)

#if defined(ATTNLAB_LAUNCHER_GUI)
void report(const std::wstring &text)
{
    MessageBoxW(nullptr, text.c_str(), L"AttentionLab", MB_OK | MB_ICONERROR);
}
#else
void report(const std::wstring &text)
{
    std::fwprintf(stderr, L"%ls\n", text.c_str());
}
#endif

std::wstring widen(const char *s)
{
    std::wstring w;
    while (*s)
        w.push_back(static_cast<wchar_t>(static_cast<unsigned char>(*s++)));
    return w;
}

bool fileExists(const std::wstring &path)
{
    const DWORD a = GetFileAttributesW(path.c_str());
    return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}

// The command line after the program name, as Windows' own parser skips it: a quoted name
// ends at the next quote, an unquoted one at the first space or tab.
const wchar_t *argumentsOf(const wchar_t *line)
{
    const wchar_t *p = line;
    if (*p == L'"') {
        ++p;
        while (*p && *p != L'"')
            ++p;
        if (*p == L'"')
            ++p;
    } else {
        while (*p && *p != L' ' && *p != L'\t')
            ++p;
    }
    return p; // with its leading blank, if any
}

std::wstring lastErrorText(DWORD code)
{
    wchar_t *buf = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                       FORMAT_MESSAGE_IGNORE_INSERTS,
                   nullptr, code, 0, reinterpret_cast<wchar_t *>(&buf), 0, nullptr);
    std::wstring text = buf ? buf : L"error " + std::to_wstring(code);
    if (buf)
        LocalFree(buf);
    while (!text.empty() && (text.back() == L'\n' || text.back() == L'\r'))
        text.pop_back();
    return text;
}

int launch()
{
    std::wstring self(32768, L'\0');
    const DWORD n = GetModuleFileNameW(nullptr, self.data(), static_cast<DWORD>(self.size()));
    if (n == 0 || n >= self.size()) {
        report(L"AttentionLab: cannot find the launcher's own file.");
        return 127;
    }
    self.resize(n);
    const std::size_t slash = self.find_last_of(L"\\/");
    const std::wstring dir = slash == std::wstring::npos ? L"." : self.substr(0, slash);
    std::wstring stem = slash == std::wstring::npos ? self : self.substr(slash + 1);
    if (stem.size() > 4 && _wcsicmp(stem.c_str() + stem.size() - 4, L".exe") == 0)
        stem.resize(stem.size() - 4);
    const auto copyPath = [&](const char *variant) {
        return dir + L"\\" + stem + L"-" + widen(variant) + L".exe";
    };

    const char *forced = std::getenv("ATTNLAB_VARIANT");
    const char *variant = chooseVariant(forced, fileExists(copyPath(kV3)));
    if (!variant) {
        report(L"AttentionLab: ATTNLAB_VARIANT must be \"baseline\" or \"x86-64-v3\", not \"" +
               widen(forced) + L"\".");
        return 2;
    }
    const std::wstring child = copyPath(variant);
    if (!fileExists(child)) {
        report(L"AttentionLab is not installed completely: " + child +
               L" is missing. Reinstall AttentionLab.");
        return 127;
    }
    if (dryRun()) {
        report(child);
        return 0;
    }

    std::wstring commandLine = L"\"" + child + L"\"" + argumentsOf(GetCommandLineW());
    STARTUPINFOW si{};
    si.cb = sizeof(si);
    GetStartupInfoW(&si); // how the launcher was asked to show its window
    si.cb = sizeof(si);
    si.lpReserved = nullptr;
    si.lpDesktop = nullptr;
    si.lpTitle = nullptr;
    si.cbReserved2 = 0;
    si.lpReserved2 = nullptr;
    // The same standard streams (a console, a pipe, a file): made inheritable and passed on.
    HANDLE std[3] = {GetStdHandle(STD_INPUT_HANDLE), GetStdHandle(STD_OUTPUT_HANDLE),
                     GetStdHandle(STD_ERROR_HANDLE)};
    bool anyStd = false;
    for (HANDLE h : std) {
        if (h && h != INVALID_HANDLE_VALUE) {
            SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
            anyStd = true;
        }
    }
    if (anyStd) {
        si.dwFlags |= STARTF_USESTDHANDLES;
        si.hStdInput = std[0];
        si.hStdOutput = std[1];
        si.hStdError = std[2];
    }
    // Ctrl+C reaches the program through the shared console; the launcher only waits.
    SetConsoleCtrlHandler(nullptr, TRUE);
    // Closing the launcher (Task Manager, a test harness) closes the program with it.
    HANDLE job = CreateJobObjectW(nullptr, nullptr);
    if (job) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits));
    }

    PROCESS_INFORMATION pi{};
    if (!CreateProcessW(child.c_str(), commandLine.data(), nullptr, nullptr, TRUE, CREATE_SUSPENDED,
                        nullptr, nullptr, &si, &pi)) {
        report(L"AttentionLab: cannot start " + child + L": " + lastErrorText(GetLastError()));
        return 127;
    }
    if (job)
        AssignProcessToJobObject(job, pi.hProcess); // fails harmlessly inside another job
    AllowSetForegroundWindow(pi.dwProcessId);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    if (job)
        CloseHandle(job);
    return static_cast<int>(code);
}

#else // POSIX: macOS, and Linux for the launcher's own tests

void report(const std::string &text)
{
    std::fprintf(stderr, "%s\n", text.c_str());
}

bool fileExists(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string selfPath()
{
#if defined(__APPLE__)
    uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size);
    std::string path(size, '\0');
    if (_NSGetExecutablePath(path.data(), &size) != 0)
        return {};
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) ? std::string(resolved) : std::string(path.c_str());
#else
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
#endif
}

int launch(char **argv)
{
    const std::string self = selfPath();
    if (self.empty()) {
        report("AttentionLab: cannot find the launcher's own file.");
        return 127;
    }
    const std::size_t slash = self.rfind('/');
    const std::string dir = self.substr(0, slash);
    const std::string stem = self.substr(slash + 1);
    const auto copyPath = [&](const char *variant) { return dir + "/" + stem + "-" + variant; };

    const char *forced = std::getenv("ATTNLAB_VARIANT");
    const char *variant = chooseVariant(forced, fileExists(copyPath(kV3)));
    if (!variant) {
        report(std::string("AttentionLab: ATTNLAB_VARIANT must be \"baseline\" or \"x86-64-v3\", "
                           "not \"") +
               forced + "\".");
        return 2;
    }
    const std::string child = copyPath(variant);
    if (!fileExists(child)) {
        report("AttentionLab is not installed completely: " + child +
               " is missing. Reinstall AttentionLab.");
        return 127;
    }
    if (dryRun()) {
        std::printf("%s\n", child.c_str());
        return 0;
    }
    argv[0] = const_cast<char *>(child.c_str());
    ::execv(child.c_str(), argv);
    report("AttentionLab: cannot start " + child + ": " + std::strerror(errno));
    return 127;
}

#endif

} // namespace

#if defined(_WIN32) && defined(ATTNLAB_LAUNCHER_GUI)
int WINAPI WinMain(HINSTANCE, HINSTANCE, LPSTR, int)
{
    return launch();
}
#elif defined(_WIN32)
int main()
{
    return launch();
}
#else
int main(int, char **argv)
{
    return launch(argv);
}
#endif
