/** The page shown when `seclog serve` runs without a built UI folder. */

/** A static page in English and Spanish; it holds no script and no log text. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>seclog</title></head>
<body>
<h1>seclog</h1>
<p>The seclog user interface is not built. Run <code>npm run build</code>, then start
<code>seclog serve</code> again. The API answers meanwhile, for example at
<code>/api/summary</code>.</p>
<p lang="es">La interfaz de seclog no está compilada. Ejecute <code>npm run build</code> y
vuelva a iniciar <code>seclog serve</code>. Mientras tanto la API responde, por ejemplo en
<code>/api/summary</code>.</p>
</body>
</html>
`;
