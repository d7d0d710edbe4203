# The CPU the build is for: x86-64 builds choose between baseline x86-64 and x86-64-v3.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
    set(ATTNLAB_X86_64 ON)
else()
    set(ATTNLAB_X86_64 OFF)
endif()
set(ATTNLAB_ENGINE_ARCH_FLAGS "")
# On Linux the engine is a shared library, except in the two builds of ATTNLAB_DISPATCH
# (whole programs per instruction set, the engine linked in), which Linux makes only to
# test that packaging.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND NOT ATTNLAB_DISPATCH AND ATTNLAB_PROGRAM_SUFFIX STREQUAL "")
    set(ATTNLAB_ENGINE_SHARED_LIBRARY ON)
else()
    set(ATTNLAB_ENGINE_SHARED_LIBRARY OFF)
endif()
# glibc's hwcaps (Linux): the engine twice, baseline and x86-64-v3, the loader choosing.
# (Cached so that scripts/package.sh can read it from CMakeCache.txt.)
if(ATTNLAB_X86_64 AND ATTNLAB_ENGINE_SHARED_LIBRARY AND NOT ATTNLAB_PORTABLE)
    set(ATTNLAB_HWCAPS ON CACHE INTERNAL "The engine is built for baseline x86-64 and x86-64-v3")
else()
    set(ATTNLAB_HWCAPS OFF CACHE INTERNAL "The engine is built for baseline x86-64 and x86-64-v3")
endif()

# attn_options: the compile flags every target of this project shares.
add_library(attn_options INTERFACE)
target_compile_features(attn_options INTERFACE cxx_std_20)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(attn_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
        -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(ATTNLAB_WERROR)
        target_compile_options(attn_options INTERFACE -Werror)
    endif()
    # Eigen is about 2.5x slower on SSE2 than with AVX2/FMA, so the engine targets
    # x86-64-v3 (Haswell, 2013, and newer) unless ATTNLAB_PORTABLE=ON. With glibc-hwcaps
    # only the engine (a shared library) is built so, and its baseline copy beside it (see
    # model/CMakeLists.txt); where the engine is a static library the whole program must use
    # one instruction set (one template built with two would leave the linker one copy).
    if(ATTNLAB_X86_64 AND NOT ATTNLAB_PORTABLE)
        if(ATTNLAB_HWCAPS)
            set(ATTNLAB_ENGINE_ARCH_FLAGS -march=x86-64-v3)
        else()
            target_compile_options(attn_options INTERFACE -march=x86-64-v3)
        endif()
    endif()
    if(ATTNLAB_SANITIZE)
        target_compile_options(attn_options INTERFACE -fsanitize=address,undefined
            -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(attn_options INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(attn_options INTERFACE /W4 /permissive- /utf-8 /bigobj)
    if(ATTNLAB_WERROR)
        target_compile_options(attn_options INTERFACE /WX)
    endif()
    if(NOT ATTNLAB_PORTABLE)
        target_compile_options(attn_options INTERFACE /arch:AVX2)
    endif()
endif()

# The engine's copies and the programs share Eigen's objects (a matrix the engine made is
# freed by the program): the same alignment everywhere, whatever instruction set each was
# built for (AVX's 32 bytes; SSE2 would otherwise use 16 and another allocator).
target_compile_definitions(attn_options INTERFACE EIGEN_MAX_ALIGN_BYTES=32
    EIGEN_MAX_STATIC_ALIGN_BYTES=32)
