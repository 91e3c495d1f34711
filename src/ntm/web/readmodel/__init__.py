"""One read model: the database as engine input for any scope, and every cache of the web.

``versions`` — the per-period data version the database's triggers move on every write;
``sets`` — a criteria set parsed once per content hash; ``inputs`` — rows into engine input and
evaluations (cached by data version); ``scopes`` — periods filtered by a user's scope in SQL;
``national`` — every province of a year side by side.
"""
