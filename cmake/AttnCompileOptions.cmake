# attn_options: the compile flags every target of this project shares.
add_library(attn_options INTERFACE)
target_compile_features(attn_options INTERFACE cxx_std_20)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(attn_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
        -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(ATTNLAB_WERROR)
        target_compile_options(attn_options INTERFACE -Werror)
    endif()
    # Eigen is about 2.5x slower on SSE2 than with AVX2/FMA, so the default build
    # targets x86-64-v3 (Haswell, 2013, and newer). ATTNLAB_PORTABLE=ON keeps baseline x86-64.
    if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64" AND NOT ATTNLAB_PORTABLE)
        target_compile_options(attn_options INTERFACE -march=x86-64-v3)
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
