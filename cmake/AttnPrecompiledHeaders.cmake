# Precompiled headers: most of a translation unit here is Eigen, nlohmann-json, Qt and
# QCustomPlot (a test file preprocesses to ~300,000 lines). Each group of targets that
# shares compile definitions (GCC and clang use a precompiled header only under the same
# macros; -Winvalid-pch with -Werror says so when they differ) gets one header, compiled
# once by its first target and reused by the others:
#   engine       the engine, attnmodel (no Qt)
#   enginebaseline  its baseline x86-64 copy, attnmodel_baseline (other -march)
#   gui          attnwidgets, attnapp (Qt Widgets, PrintSupport, Svg, QCustomPlot)
#   cli          attncli (the same, and ATTNLAB_CLI_RENDER)
#   unit         the engine's tests (Qt Test + Core)
#   widgetstest  the views' tests (Qt Test + Widgets)
#   clitest      the CLI's and the app's tests (Qt Test + Widgets, ATTNLAB_CLI_RENDER)
# attn_pch(GROUP TARGET) gives TARGET its group's header.
option(ATTNLAB_PCH "Precompile the third-party headers (faster builds)" ON)

set(ATTNLAB_PCH_engine
    <Eigen/Core> <nlohmann/json.hpp>
    <algorithm> <cmath> <cstdint> <cstdio> <functional> <limits> <map> <memory> <string>
    <string_view> <unordered_map> <vector>)
set(ATTNLAB_PCH_enginebaseline ${ATTNLAB_PCH_engine})
set(ATTNLAB_PCH_gui ${ATTNLAB_PCH_engine} <QtCore> <QtGui> <QtWidgets> <qcustomplot.h>)
set(ATTNLAB_PCH_unit ${ATTNLAB_PCH_engine} <QtTest> <fstream> <sstream> <filesystem>)
set(ATTNLAB_PCH_cli ${ATTNLAB_PCH_gui})
set(ATTNLAB_PCH_widgetstest ${ATTNLAB_PCH_gui} <QtTest> <fstream> <sstream> <filesystem>)
set(ATTNLAB_PCH_clitest ${ATTNLAB_PCH_widgetstest})

function(attn_pch group target)
    if(NOT ATTNLAB_PCH)
        return()
    endif()
    get_property(donor GLOBAL PROPERTY ATTNLAB_PCH_DONOR_${group})
    if(donor)
        target_precompile_headers(${target} REUSE_FROM ${donor})
    else()
        target_precompile_headers(${target} PRIVATE ${ATTNLAB_PCH_${group}})
        set_property(GLOBAL PROPERTY ATTNLAB_PCH_DONOR_${group} ${target})
    endif()
endfunction()
