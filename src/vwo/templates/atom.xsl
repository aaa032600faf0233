<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an Atom feed of the site as a readable page when it is opened in a browser
  (feeds/versies.xml, feeds/besluiten.xml). Served beside the feeds from the site itself:
  no external stylesheet, font, script or image. A feed reader ignores it.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
    doctype-system="about:legacy-compat"/>

  <xsl:template name="datum">
    <xsl:param name="iso"/>
    <xsl:variable name="maand" select="number(substring($iso, 6, 2))"/>
    <xsl:value-of select="number(substring($iso, 9, 2))"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$maand = 1">januari</xsl:when>
      <xsl:when test="$maand = 2">februari</xsl:when>
      <xsl:when test="$maand = 3">maart</xsl:when>
      <xsl:when test="$maand = 4">april</xsl:when>
      <xsl:when test="$maand = 5">mei</xsl:when>
      <xsl:when test="$maand = 6">juni</xsl:when>
      <xsl:when test="$maand = 7">juli</xsl:when>
      <xsl:when test="$maand = 8">augustus</xsl:when>
      <xsl:when test="$maand = 9">september</xsl:when>
      <xsl:when test="$maand = 10">oktober</xsl:when>
      <xsl:when test="$maand = 11">november</xsl:when>
      <xsl:otherwise>december</xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>

  <xsl:template match="/atom:feed">
    <html lang="nl">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <style>
          body { font-family: system-ui, sans-serif; font-size: 1.0625rem; line-height: 1.5;
                 color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 46rem; padding: 1rem; }
          h1 { font-size: 1.6rem; font-weight: 700; }
          h2 { font-size: 1.25rem; font-weight: 700; }
          h3 { font-size: 1.1rem; font-weight: 700; margin: 0 0 .25rem; }
          a { color: #0b4f8a; }
          a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; background: #ffdd00; }
          .uitleg { border-left: 4px solid #0b4f8a; background: #eef4fa; padding: .75rem 1rem; }
          .adres { word-break: break-all; font-family: monospace; }
          ol { list-style: none; padding: 0; }
          li { border-top: 1px solid #ccc; padding: 1rem 0; }
          time { color: #4a4a4a; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="atom:title"/></h1>
          <div class="uitleg">
            <p><strong>Dit is een feed.</strong> Een feedlezer (of een e-mailprogramma dat feeds
              kan volgen) laat u nieuwe berichten zien zodra ze verschijnen. Kopieer het adres
              van deze pagina in uw feedlezer om de berichten te volgen:</p>
            <p class="adres"><xsl:value-of select="atom:link[@rel='self']/@href"/></p>
            <p><a href="../abonneren/">Uitleg over abonneren en alle feeds</a>
              <xsl:if test="atom:link[@rel='alternate']">
                · <a href="{atom:link[@rel='alternate']/@href}">Naar de site</a>
              </xsl:if>
            </p>
          </div>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <h2 id="berichten">Berichten (<xsl:value-of select="count(atom:entry)"/>)</h2>
          <ol aria-labelledby="berichten">
            <xsl:for-each select="atom:entry">
              <li>
                <h3>
                  <xsl:choose>
                    <xsl:when test="atom:link[@rel='alternate']">
                      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="atom:title"/></xsl:otherwise>
                  </xsl:choose>
                </h3>
                <p>
                  <time datetime="{substring(atom:updated, 1, 10)}">
                    <xsl:call-template name="datum">
                      <xsl:with-param name="iso" select="atom:updated"/>
                    </xsl:call-template>
                  </time>
                </p>
                <p><xsl:value-of select="atom:summary"/></p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
