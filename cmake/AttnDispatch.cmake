# ATTNLAB_DISPATCH: the x86-64-v3 copies of the programs, for the Windows and macOS packages.
#
# This build makes the baseline copies (attentionlab-baseline, attentionlab-cli-baseline)
# and the launchers (app/launcher). The x86-64-v3 copies come from a second, nested build
# of the same sources in <build>/x86-64-v3 with ATTNLAB_PORTABLE=OFF: whole programs built
# for x86-64-v3, so no binary mixes code of one Eigen template built for two instruction
# sets. packaging/CMakeLists.txt installs all of them side by side.
#
# Sets ATTNLAB_V3_PROGRAMS: the nested build's programs (paths with generator expressions).

set(ATTNLAB_V3_PROGRAMS "")
if(NOT ATTNLAB_DISPATCH)
    return()
endif()
if(NOT ATTNLAB_X86_64)
    message(FATAL_ERROR "ATTNLAB_DISPATCH chooses between x86-64 builds; this is ${CMAKE_SYSTEM_PROCESSOR}.")
endif()

include(ExternalProject)

set(v3_dir ${PROJECT_BINARY_DIR}/x86-64-v3)
# What the nested build must share with this one: the compiler, the toolchain and where
# the dependencies are. Cache arguments keep lists (CMAKE_PREFIX_PATH) whole.
set(v3_cache_args
    -DATTNLAB_PORTABLE:BOOL=OFF
    -DATTNLAB_DISPATCH:BOOL=OFF
    -DATTNLAB_PROGRAM_SUFFIX:STRING=-x86-64-v3
    -DATTNLAB_BUILD_TESTS:BOOL=OFF
    -DATTNLAB_BUILD_BENCH:BOOL=OFF
    -DATTNLAB_FUZZ:BOOL=OFF
    -DATTNLAB_BUILD_GUI:BOOL=${ATTNLAB_BUILD_GUI}
    -DATTNLAB_OPENMP:BOOL=${ATTNLAB_OPENMP}
    -DATTNLAB_UNITY:BOOL=${ATTNLAB_UNITY}
    -DATTNLAB_WERROR:BOOL=${ATTNLAB_WERROR})
foreach(var CMAKE_BUILD_TYPE CMAKE_CXX_COMPILER CMAKE_CXX_FLAGS CMAKE_CXX_FLAGS_RELEASE
            CMAKE_CXX_FLAGS_RELWITHDEBINFO CMAKE_TOOLCHAIN_FILE CMAKE_PREFIX_PATH
            CMAKE_MSVC_RUNTIME_LIBRARY CMAKE_OSX_DEPLOYMENT_TARGET CMAKE_OSX_ARCHITECTURES
            CMAKE_OSX_SYSROOT Qt6_DIR QCustomPlotQt6_DIR Eigen3_DIR nlohmann_json_DIR
            OpenMP_ROOT VCPKG_TARGET_TRIPLET)
    if(DEFINED ${var} AND NOT "${${var}}" STREQUAL "")
        list(APPEND v3_cache_args "-D${var}:STRING=${${var}}")
    endif()
endforeach()

set(v3_targets attentionlab-cli)
if(ATTNLAB_BUILD_GUI)
    list(APPEND v3_targets attentionlab)
endif()
ExternalProject_Add(attentionlab_x86_64_v3
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${v3_dir}
    CMAKE_CACHE_ARGS ${v3_cache_args}
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --config $<CONFIG> --target ${v3_targets}
    INSTALL_COMMAND ""
    # The nested build decides itself what is out of date.
    BUILD_ALWAYS ON
    USES_TERMINAL_CONFIGURE ON
    USES_TERMINAL_BUILD ON)

get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
if(multi_config)
    set(v3_bin ${v3_dir}/app/$<CONFIG>)
else()
    set(v3_bin ${v3_dir}/app)
endif()
set(ATTNLAB_V3_PROGRAMS ${v3_bin}/attentionlab-cli-x86-64-v3${CMAKE_EXECUTABLE_SUFFIX})
if(ATTNLAB_BUILD_GUI)
    if(APPLE)
        list(APPEND ATTNLAB_V3_PROGRAMS ${v3_bin}/AttentionLab-x86-64-v3)
    else()
        list(APPEND ATTNLAB_V3_PROGRAMS ${v3_bin}/attentionlab-x86-64-v3${CMAKE_EXECUTABLE_SUFFIX})
    endif()
endif()
