# The Debian package, plenum_<version>_amd64.deb (docs/OPERATIONS.md, "Install as a service"),
# built by scripts/package.sh with the package preset: the binary, the rulebooks, the web app,
# the docs and the man page, the systemd units and /etc/plenum/plenum.toml.
find_program(HELP2MAN help2man REQUIRED)
if(NOT EXISTS ${CMAKE_SOURCE_DIR}/web/dist/index.html)
  message(FATAL_ERROR "web/dist is not built: run web/build.sh first (scripts/package.sh does)")
endif()

# The man page, from the command's own --help (help2man), with packaging/plenum.h2m's sections.
set(PLENUM_MAN ${CMAKE_BINARY_DIR}/plenum.1)
add_custom_command(OUTPUT ${PLENUM_MAN}.gz
  COMMAND ${HELP2MAN} --no-info --section 1 --version-string ${PROJECT_VERSION}
          --name "runs the sessions of representative assemblies"
          --include ${CMAKE_SOURCE_DIR}/packaging/plenum.h2m --output ${PLENUM_MAN} $<TARGET_FILE:plenum>
  COMMAND gzip -9nf ${PLENUM_MAN}
  DEPENDS plenum ${CMAKE_SOURCE_DIR}/packaging/plenum.h2m
  COMMENT "Writing the man page")
add_custom_target(manpage ALL DEPENDS ${PLENUM_MAN}.gz)

install(TARGETS plenum RUNTIME DESTINATION bin)
install(DIRECTORY rulebooks/ DESTINATION share/plenum/rulebooks)
install(DIRECTORY web/dist/ DESTINATION share/plenum/web)
file(GLOB PLENUM_DOCS CONFIGURE_DEPENDS docs/*.md docs/openapi.json)
install(FILES README.md ${PLENUM_DOCS} DESTINATION share/doc/plenum)
install(FILES packaging/plenum.toml packaging/nginx-plenum.conf DESTINATION share/doc/plenum/examples)
install(FILES ${PLENUM_MAN}.gz DESTINATION share/man/man1)
install(FILES packaging/plenum.toml DESTINATION /etc/plenum)
install(FILES packaging/plenum.service packaging/plenum-backup.service packaging/plenum-backup.timer
        DESTINATION /lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME plenum)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "plenum maintainers <plenum@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "runs the sessions of representative assemblies")
set(CPACK_PACKAGE_DESCRIPTION
    "Roll call and quorum, roll-call votes, verifiable elections, proposals and a hash-chained record for people's congresses, CPPCC committees and any assembly that votes.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# The shared libraries' packages, found by dpkg-shlibdeps; adduser for the postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/packaging/postinst;${CMAKE_SOURCE_DIR}/packaging/prerm;${CMAKE_SOURCE_DIR}/packaging/postrm;${CMAKE_SOURCE_DIR}/packaging/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
