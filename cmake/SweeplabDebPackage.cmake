# The Debian package: `cpack --config build/CPackConfig.cmake` (or `cmake --build build
# --target package`) writes build/sweeplab_<version>_<arch>.deb from the install rules of
# SweeplabInstall.cmake, with /usr as its prefix.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sweeplab)
set(CPACK_PACKAGE_VENDOR "Sweeplab")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${SWEEPLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "workbench for hyperparameter sweeps of small neural networks")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Written next to the build, whatever folder cpack is started from.
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR})
set(CPACK_STRIP_FILES ON)
# Packaged folders must be 0755 whatever the build machine's umask is.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SWEEPLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${SWEEPLAB_HOMEPAGE}")
# The extended description; CPack puts the summary above it and indents it as Debian wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Sweeplab runs hyperparameter studies of small neural networks. An experiment
(dataset, model, training settings and the swept hyperparameters) is written
as a YAML file or filled in a form; every trial then trains with LibTorch on
a background thread while its training and validation accuracy curves grow
live, side by side. Figures export as PNG, SVG or PDF and the results table
as Markdown, CSV, LaTeX or JSON.

The package holds the window (sweeplab), the command line tool for machines
without a display (sweeplab-cli) and the ready Jet Substructure
Classification studies under /usr/share/sweeplab/experiments.")

# dpkg-shlibdeps turns every shared library the binaries load (Qt 6 Core, Gui, Widgets, Charts,
# Svg, LibTorch, yaml-cpp, HDF5, and SQLite once the engine calls it) into its Debian package
# name and minimum version, so the list follows the code instead of being kept by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time without a link-time trace, so dpkg-shlibdeps cannot see them: LibTorch
# reaches BLAS through Debian's libblas.so.3 alternative, which falls back to the slow reference
# BLAS unless OpenBLAS is installed.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread | libopenblas0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")

include(CPack)
