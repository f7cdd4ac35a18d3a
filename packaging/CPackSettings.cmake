# CPack: three Debian packages from one build (scripts/package.sh runs cpack;
# docs/packaging.md describes them). Included last by the root CMakeLists.txt.
# PALOMAR_PACKAGE_MAINTAINER and PALOMAR_PACKAGE_RELEASE: packaging/CMakeLists.txt.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME palomar)
set(CPACK_PACKAGE_VENDOR "The Palomar authors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${PALOMAR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_OUTPUT_FILE_PREFIX packages)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server)
if(PALOMAR_BUILD_CLIENTS)
  list(APPEND CPACK_COMPONENTS_ALL cli)
  if(TARGET palomar)
    list(APPEND CPACK_COMPONENTS_ALL desktop)
  endif()
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${PALOMAR_PACKAGE_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PALOMAR_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The source package all three come from (Source: in each control file).
set(CPACK_DEBIAN_PACKAGE_SOURCE palomar)

# palomar-server: the server, palomar-admin, the unit, user and configuration.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME palomar-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# Qt loads the SQLite driver as a plugin, which shlibdeps cannot see; the
# maintainer scripts need systemd-sysusers and systemd-tmpfiles.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS
  "libqt6sql6-sqlite, systemd | systemd-standalone-sysusers | systemd-sysusers, systemd | systemd-standalone-tmpfiles | systemd-tmpfiles")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "openssl")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "libqt6sql6-psql, postgresql")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "self-hosted chat server for families, classes and companies
Palomar is a self-hosted messaging service for a family, a class or a
company: one small server, and people chat through it with the desktop
client (package palomar) or the terminal client (package palomar-cli).

This package holds the server, palomar-server, with a systemd unit, the
palomar system user, a sample configuration in /etc/palomar, the
administration tool palomar-admin and a script that makes a self-signed TLS
certificate. It stores its data in SQLite (/var/lib/palomar), or in
PostgreSQL for larger sites.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  "${CMAKE_CURRENT_LIST_DIR}/debian/postinst;${CMAKE_CURRENT_LIST_DIR}/debian/prerm;${CMAKE_CURRENT_LIST_DIR}/debian/postrm;${CMAKE_CURRENT_LIST_DIR}/debian/conffiles")

# palomar-cli: the terminal client.
set(CPACK_DEBIAN_CLI_PACKAGE_NAME palomar-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION net)
set(CPACK_COMPONENT_CLI_DESCRIPTION "terminal client of the Palomar chat service
Palomar is a self-hosted messaging service for a family, a class or a
company: one small server, and people chat through it.

This package holds palomar-cli, a text-mode client: an interactive shell,
or one command at a time for scripts.")

# palomar: the desktop client.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME palomar)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION net)
# Plugins Qt loads at run time: the window system and the local cache's SQLite.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite")
# Reactions and the emoji picker draw colour emoji.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "fonts-noto-color-emoji")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION "desktop client of the Palomar chat service
Palomar is a self-hosted messaging service for a family, a class or a
company: one small server, and people chat through it.

This package holds the desktop client: a chat list with unread badges,
friends, one-to-one chats and groups, files and pictures, delivery ticks,
offline history and an outbox that survives quitting. In English and
Spanish.")

include(CPack)
