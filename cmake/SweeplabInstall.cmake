# Install layout, the same for `cmake --install build --prefix DIR` and the Debian package:
#   bin/sweeplab, bin/sweeplab-cli
#   share/sweeplab/experiments/           ready studies; the binaries look here, found from
#                                         their own folder as <bindir>/../share/sweeplab
#   share/applications, share/metainfo, share/mime/packages, share/icons/hicolor
#   share/man/man1, share/doc/sweeplab (lower case as Debian wants, not GNUInstallDirs' DOCDIR)
# The binaries locate share/ relative to themselves, so the layout must keep bin/ and share/
# side by side under one prefix (GNUInstallDirs' defaults do).
include(GNUInstallDirs)

set(SWEEPLAB_APP_ID "org.sweeplab.Sweeplab"
    CACHE STRING "Reverse-DNS id of the desktop entry, AppStream component and Wayland app id")
set(SWEEPLAB_HOMEPAGE "https://sweeplab.example/"
    CACHE STRING "Project home page named by the package and the AppStream file")
set(SWEEPLAB_SCREENSHOTS_URL "https://sweeplab.example/screenshots/"
    CACHE STRING "Where docs/screenshots/*.png are published, for the AppStream file")
set(SWEEPLAB_PACKAGE_MAINTAINER "Sweeplab maintainers <maintainers@sweeplab.example>"
    CACHE STRING "Maintainer field of the Debian package")

set(sweeplab_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(sweeplab_generated_dir ${PROJECT_BINARY_DIR}/packaging)

# Binaries. An out-of-system LibTorch (the official archive) needs its folder on the installed
# binaries' run path. Debian's libraries need none (a run path in a packaged binary is a policy
# error): their sonames resolve in the system folders, HDF5's too, although CMake links it
# from a private folder.
set(sweeplab_installed_targets sweeplab-cli)
if(TARGET sweeplab)
  list(APPEND sweeplab_installed_targets sweeplab)
endif()
get_filename_component(sweeplab_torch_lib_dir "${TORCH_LIBRARY}" DIRECTORY)
foreach(target IN LISTS sweeplab_installed_targets)
  if(sweeplab_torch_lib_dir
     AND NOT sweeplab_torch_lib_dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "${sweeplab_torch_lib_dir}")
  endif()
  # Read-only relocations after start-up: cheap hardening Debian expects of its binaries.
  target_link_options(${target} PRIVATE LINKER:-z,relro LINKER:-z,now)
endforeach()
install(TARGETS ${sweeplab_installed_targets} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/experiments/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/sweeplab/experiments
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json" PATTERN "*.md")

# Desktop integration: only useful next to the window.
if(TARGET sweeplab)
  # The window names its desktop entry, which Wayland shells match to find name and icon.
  target_compile_definitions(sweeplab PRIVATE SWEEPLAB_APP_ID="${SWEEPLAB_APP_ID}")
  string(TIMESTAMP sweeplab_release_date "%Y-%m-%d" UTC)
  configure_file(${sweeplab_packaging_dir}/sweeplab.desktop.in
                 ${sweeplab_generated_dir}/${SWEEPLAB_APP_ID}.desktop @ONLY)
  configure_file(${sweeplab_packaging_dir}/sweeplab.metainfo.xml.in
                 ${sweeplab_generated_dir}/${SWEEPLAB_APP_ID}.metainfo.xml @ONLY)
  install(FILES ${sweeplab_generated_dir}/${SWEEPLAB_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${sweeplab_generated_dir}/${SWEEPLAB_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${sweeplab_packaging_dir}/sweeplab-experiment.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME sweeplab.xml)
  foreach(size 16 24 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/sweeplab-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME sweeplab.png)
  endforeach()
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/sweeplab.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# Man pages, compressed as Debian policy asks (gzip -n: no name or time stamp, reproducible).
find_program(SWEEPLAB_GZIP gzip REQUIRED)
set(sweeplab_man_pages sweeplab-cli.1)
if(TARGET sweeplab)
  list(APPEND sweeplab_man_pages sweeplab.1)
endif()
set(sweeplab_compressed_man_pages "")
foreach(page IN LISTS sweeplab_man_pages)
  set(compressed ${sweeplab_generated_dir}/man/${page}.gz)
  add_custom_command(
    OUTPUT ${compressed}
    COMMAND ${CMAKE_COMMAND} -E copy ${sweeplab_packaging_dir}/man/${page}
            ${sweeplab_generated_dir}/man/${page}
    COMMAND ${SWEEPLAB_GZIP} -9 -n -f ${sweeplab_generated_dir}/man/${page}
    DEPENDS ${sweeplab_packaging_dir}/man/${page}
    COMMENT "Compressing man page ${page}"
    VERBATIM)
  list(APPEND sweeplab_compressed_man_pages ${compressed})
endforeach()
add_custom_target(sweeplab_man_pages ALL DEPENDS ${sweeplab_compressed_man_pages})
install(FILES ${sweeplab_compressed_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Copyright and change log where Debian looks for them.
string(TIMESTAMP sweeplab_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${sweeplab_packaging_dir}/debian/changelog.in
               ${sweeplab_generated_dir}/debian/changelog @ONLY)
add_custom_command(
  OUTPUT ${sweeplab_generated_dir}/debian/changelog.gz
  COMMAND ${SWEEPLAB_GZIP} -9 -n -f -k ${sweeplab_generated_dir}/debian/changelog
  DEPENDS ${sweeplab_generated_dir}/debian/changelog
  VERBATIM)
add_custom_target(sweeplab_changelog ALL DEPENDS ${sweeplab_generated_dir}/debian/changelog.gz)
install(FILES ${sweeplab_packaging_dir}/debian/copyright
              ${sweeplab_generated_dir}/debian/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/sweeplab)

include(SweeplabDebPackage)

if(SWEEPLAB_BUILD_TESTS)
  # Installs into a scratch prefix and checks the layout and that the installed binaries find
  # their experiments relative to themselves.
  add_test(NAME install_layout
           COMMAND ${sweeplab_packaging_dir}/check-install-layout.sh ${PROJECT_BINARY_DIR})
endif()
