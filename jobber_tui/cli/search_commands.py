"""Handlers of `jobber searches add/list/remove`: parse, call the core, print."""

from __future__ import annotations

import argparse
import json

from .commands import workspace
from .discovery_commands import filter_settings


def searches_add(args: argparse.Namespace) -> int:
    from ..core.discovery.search_config import add_search

    settings = {
        "location": args.location,
        "country": args.country,
        "max_results": args.max_results,
        "name": args.name,
        "api_key_env": args.api_key_env,
        "app_id_env": args.app_id_env,
        "email": args.email,
        "base_url": args.base_url,
    }
    with workspace(args) as ws:
        label = add_search(ws.config, args.provider, args.query, settings=settings, filters=filter_settings(args))
    print(f"added {label}" if label else "already configured: the same search exists (see `jobber searches list`)")
    return 0


def searches_list(args: argparse.Namespace) -> int:
    from ..core.discovery.discover import configured_searches

    with workspace(args) as ws:
        specs = configured_searches(ws)
    rows = [
        {
            "label": s.label,
            "provider": s.provider,
            "query": s.query,
            "location": s.location,
            "remoteOnly": s.remote_only,
            "maxResults": s.max_results,
            "apiBase": s.api_base() or None,
            "filters": s.filters.describe(),
            "notRun": s.blocked,
        }
        for s in specs
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print('no searches; add one with `jobber searches add himalayas "python developer"`')
    else:
        for row in rows:
            where = f" in {row['location']}" if row["location"] else ""
            remote = " (remote only)" if row["remoteOnly"] else ""
            print(
                f"{row['label']:<32} {row['query'] or '(everything)'!s}{where}{remote}, "
                f"at most {row['maxResults']} a run"
            )
            for extra in (row["filters"], row["notRun"]):
                if extra:
                    print(f"{'':<32} {extra}")
    return 0


def searches_remove(args: argparse.Namespace) -> int:
    from ..core.discovery.search_config import remove_search

    with workspace(args) as ws:
        remove_search(ws.config, args.label)
    print(f"removed {args.label} (its jobs stay)")
    return 0
