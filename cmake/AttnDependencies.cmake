# Finds every third-party dependency once, with a message that names the
# package to install when one is missing.

find_package(Eigen3 3.4 QUIET NO_MODULE)
if(NOT Eigen3_FOUND)
    message(FATAL_ERROR
        "Eigen 3.4 not found. On Debian/Ubuntu: apt-get install libeigen3-dev; "
        "on macOS: brew install eigen; on Windows: vcpkg install eigen3.")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
    message(FATAL_ERROR
        "nlohmann-json not found. On Debian/Ubuntu: apt-get install nlohmann-json3-dev; "
        "on macOS: brew install nlohmann-json; on Windows: vcpkg install nlohmann-json.")
endif()

if(ATTNLAB_OPENMP)
    find_package(OpenMP COMPONENTS CXX)
    if(NOT OpenMP_CXX_FOUND)
        message(WARNING "OpenMP not found: the engine will run on one thread. "
                        "Configure with -DATTNLAB_OPENMP=OFF to silence this.")
        set(ATTNLAB_OPENMP OFF CACHE BOOL "" FORCE)
    endif()
endif()

set(ATTNLAB_QT_COMPONENTS Core Gui Widgets PrintSupport Svg LinguistTools)
if(ATTNLAB_BUILD_TESTS)
    list(APPEND ATTNLAB_QT_COMPONENTS Test)
endif()
find_package(Qt6 6.4 QUIET COMPONENTS ${ATTNLAB_QT_COMPONENTS})
if(NOT Qt6_FOUND)
    message(FATAL_ERROR
        "Qt 6.4 or newer not found (components: ${ATTNLAB_QT_COMPONENTS}). On Debian/Ubuntu: "
        "apt-get install qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools "
        "qt6-l10n-tools; elsewhere install Qt 6 and set CMAKE_PREFIX_PATH to it.")
endif()
qt_standard_project_setup()

# QCustomPlot: Debian's libqcustomplot-dev ships the CMake package QCustomPlotQt6.
# Where no package exists (Windows, macOS) build it from its official source archive.
find_package(QCustomPlotQt6 QUIET)
if(NOT QCustomPlotQt6_FOUND)
    option(ATTNLAB_FETCH_QCUSTOMPLOT "Download QCustomPlot's source archive when no package is found" OFF)
    if(NOT ATTNLAB_FETCH_QCUSTOMPLOT)
        message(FATAL_ERROR
            "QCustomPlot for Qt 6 not found (CMake package QCustomPlotQt6). On Debian/Ubuntu: "
            "apt-get install libqcustomplot-dev; elsewhere configure with "
            "-DATTNLAB_FETCH_QCUSTOMPLOT=ON to build it from its official source archive.")
    endif()
    include(FetchContent)
    FetchContent_Declare(qcustomplot_src
        URL https://www.qcustomplot.com/release/2.1.1/QCustomPlot-source.tar.gz
        DOWNLOAD_EXTRACT_TIMESTAMP ON)
    FetchContent_MakeAvailable(qcustomplot_src)
    add_library(qcustomplot_fetched STATIC
        ${qcustomplot_src_SOURCE_DIR}/qcustomplot.cpp ${qcustomplot_src_SOURCE_DIR}/qcustomplot.h)
    target_include_directories(qcustomplot_fetched SYSTEM PUBLIC ${qcustomplot_src_SOURCE_DIR})
    target_link_libraries(qcustomplot_fetched PUBLIC Qt6::Widgets Qt6::PrintSupport)
    set_target_properties(qcustomplot_fetched PROPERTIES AUTOMOC ON)
    add_library(QCustomPlotQt6::QCustomPlotQt6 ALIAS qcustomplot_fetched)
endif()
