"""Small database helper for the tools/ scripts and tests_install/.

Reads the connection settings from an Odoo configuration file, so it talks to
exactly the server Odoo uses (private socket or PGHOST), without needing the
psql client.

    python3 tools/dbtool.py CONF drop DB [DB...]      drop databases + filestore
    python3 tools/dbtool.py CONF exists DB            exit 0 if DB exists
    python3 tools/dbtool.py CONF states DB MOD...     print "module state" lines
"""

import configparser
import os
import shutil
import sys

import psycopg2
from psycopg2 import sql


def read_conf(conf_path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf_path)
    options = parser["options"]
    params = {"dbname": "postgres"}
    for key in ("host", "port", "user", "password"):
        value = options.get(f"db_{key}", "False").strip()
        if value and value != "False":
            params[key] = value
    data_dir = options.get("data_dir", "").strip()
    return params, data_dir


def connect(conf_path, dbname="postgres"):
    params, _data_dir = read_conf(conf_path)
    params["dbname"] = dbname
    conn = psycopg2.connect(**params)
    conn.autocommit = True
    return conn


def exists(conf_path, dbname):
    conn = connect(conf_path)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            return bool(cr.fetchone())
    finally:
        conn.close()


def drop(conf_path, dbname):
    conn = connect(conf_path)
    try:
        with conn.cursor() as cr:
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(dbname)
                )
            )
    finally:
        conn.close()
    _params, data_dir = read_conf(conf_path)
    if data_dir:
        shutil.rmtree(os.path.join(data_dir, "filestore", dbname), ignore_errors=True)


def module_states(conf_path, dbname, modules):
    """Return {module: state}; modules unknown to the database map to None."""
    result = dict.fromkeys(modules)
    conn = connect(conf_path, dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT name, state FROM ir_module_module WHERE name = ANY(%s)",
                (list(modules),),
            )
            result.update(cr.fetchall())
    finally:
        conn.close()
    return result


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    conf_path, command, *args = argv
    if command == "drop":
        for dbname in args:
            drop(conf_path, dbname)
    elif command == "exists":
        sys.exit(0 if exists(conf_path, args[0]) else 1)
    elif command == "states":
        if not exists(conf_path, args[0]):
            sys.exit(1)
        for name, state in module_states(conf_path, args[0], args[1:]).items():
            sys.stdout.write(f"{name} {state or 'absent'}\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
